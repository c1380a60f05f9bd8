-- Neovim's built-in LSP client with docs/editors.md's set-up (written to $TOUCHPOINT_NVIM_SETUP
-- by neovim_test.sh): open a page of a content repository, wait for Touchpoint's
-- diagnostics, apply its quick fix, check the buffer, hover. Exits 0 when all hold.
local failures = 0
local function check(ok, what, detail)
  io.stderr:write((ok and 'ok - ' or 'FAIL - ') .. what .. ((not ok and detail) and (': ' .. vim.inspect(detail)) or '') .. '\n')
  if not ok then failures = failures + 1 end
end

local function finish()
  io.stderr:write(failures == 0 and 'all passed\n' or (failures .. ' failed\n'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

local ok, err = pcall(function()
  vim.cmd('filetype on')  -- what an init.lua has; -u NONE leaves it off
  dofile(os.getenv('TOUCHPOINT_NVIM_SETUP'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('TOUCHPOINT_NVIM_FILE')))
  local buf = vim.api.nvim_get_current_buf()

  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == code then return d end
    end
  end
  check(vim.wait(20000, function() return find('terminology.prefer') ~= nil end, 50), 'diagnostics arrive for the page')
  local prefer = find('terminology.prefer')
  if not prefer then return end
  check(prefer.source == 'touchpoint' and prefer.lnum == 2 and prefer.col == 4 and prefer.severity == vim.diagnostic.severity.WARN,
        'terminology.prefer on line 3, column 5, as a warning from touchpoint', prefer)
  check(prefer.message:find("Use 'patients' instead of 'customers'", 1, true) ~= nil, 'the message says what to write', prefer.message)

  local client = vim.lsp.get_active_clients()[1]
  check(client and client.name == 'touchpoint', 'the client is touchpoint lsp', client and client.name)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = prefer.lnum, character = prefer.col }, ['end'] = { line = prefer.end_lnum, character = prefer.end_col } },
    context = { diagnostics = { prefer.user_data.lsp } },
  }
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  local fix
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      if action.kind == 'quickfix' and action.edit and action.title:find('patients', 1, true) then fix = action end
    end
  end
  check(fix ~= nil, 'a quick fix is offered', answers)
  if not fix then return end
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  check(line:find('Our patients', 1, true) == 1, 'the quick fix writes patients in the buffer', line)
  check(vim.wait(20000, function() return find('terminology.prefer') == nil and find('terminology.avoid') ~= nil end, 50),
        'after the edit, the fixed finding is gone and the others remain', vim.diagnostic.get(buf))

  local avoid = find('terminology.avoid')
  local hovers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = avoid.lnum, character = avoid.col } }, 10000) or {}
  local shown = ''
  for _, answer in pairs(hovers) do
    if answer.result then shown = answer.result.contents.value end
  end
  check(shown:find('terminology.avoid', 1, true) and shown:find('Compassionate care that treats you like family.', 1, true),
        'the hover names the rule and the promise', shown)
end)
if not ok then check(false, 'the script ran to its end', err) end
finish()
