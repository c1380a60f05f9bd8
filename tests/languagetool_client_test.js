// A LanguageTool client from npm (languagetool-api) against touchpoint serve: the client
// builds its query and reads the answer with its own code; only the server URL differs
// (the package hard-codes languagetool.org, so the request is sent to ours instead).
const http = require("http");
const lt = require("languagetool-api");
const query = require("languagetool-api/query.js");

const server = process.argv[2];
const url = encodeURI(server + "/v2/check" + query({ language: "en-US", text: "Our customers get cheap care" }));
http.get(url, response => {
  let body = "";
  response.on("data", chunk => (body += chunk));
  response.on("end", () => {
    const output = JSON.parse(body);
    lt.showMistakes(output, mistakes => {
      if (!mistakes.includes("customers") || !mistakes.includes("cheap"))
        throw new Error("mistakes seen by the client: " + JSON.stringify(mistakes));
    });
    lt.bestSuggestion(output, suggestions => {
      const patients = suggestions.find(s => s.mistake === "customers");
      if (!patients || patients.bestSuggestion !== "patients")
        throw new Error("suggestions seen by the client: " + JSON.stringify(suggestions));
    });
    console.log("languagetool-api client: mistakes and suggestions read from touchpoint serve");
  });
}).on("error", e => { console.error(e.message); process.exit(1); });
