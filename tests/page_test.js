// Drives the page of touchpoint serve in Debian's Chromium (playwright-core): paste a
// draft, see a highlight, apply a suggestion. Usage: node page_test.js URL
const { chromium } = require("playwright-core");

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(process.argv[2]);
    await page.waitForFunction(() => document.getElementById("promise").textContent.length > 0);
    await page.fill("#draft", "Our customers love the new clinic.");
    await page.selectOption("#channel", "marketing");
    await page.click("#check");
    const mark = await page.waitForSelector("mark");
    const marked = await mark.textContent();
    if (marked !== "customers") throw new Error("highlighted '" + marked + "', not 'customers'");
    const fix = page.locator(".fix", { hasText: "patients" });
    await fix.first().click();
    await page.waitForFunction(() => document.getElementById("draft").value.includes("patients"));
    const draft = await page.inputValue("#draft");
    if (draft !== "Our patients love the new clinic.") throw new Error("after the fix: " + draft);
    await page.waitForFunction(() => !document.querySelector("mark.warning"));
    console.log("page: highlight and one-click fix work");
  } finally {
    await browser.close();
  }
})().catch(error => { console.error(error.message); process.exit(1); });
