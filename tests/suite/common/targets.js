// Every link, button and form control on screen that is smaller than 24 × 24 CSS px, unless it
// is a link inside running text (WCAG 2.2, 2.5.8: inline targets are exempt).
const MIN = 24;
const interactive = "a[href], button, input:not([type=hidden]), select, textarea, summary, label.button, [tabindex]:not([tabindex='-1'])";
const isInline = (el) => getComputedStyle(el).display === "inline";
const letters = /\p{L}{2,}/u;
// Text right before or after the target on its line: a sentence around it.
function inRunningText(el) {
  if (el.tagName !== "A" || !isInline(el)) return false;
  let node = el;
  while (node && node.nodeType === 1) {
    for (const dir of ["previousSibling", "nextSibling"]) {
      let sib = node[dir];
      while (sib && sib.nodeType === 3 && !sib.textContent.trim()) sib = sib[dir];
      if (!sib) continue;
      if (sib.nodeType === 3 && letters.test(sib.textContent)) return true;
      if (sib.nodeType === 1 && isInline(sib) && !sib.matches(interactive) && !sib.querySelector(interactive) && letters.test(sib.textContent)) return true;
    }
    const parent = node.parentElement;
    if (!parent || !isInline(parent)) break;
    node = parent;
  }
  return false;
}
function visible(el) {
  const st = getComputedStyle(el);
  if (st.visibility === "hidden" || st.display === "none") return false; // transparent still takes taps
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return false;
  if (r.bottom + scrollY <= 0 || r.right + scrollX <= 0) return false; // parked off-screen (skip link)
  return el.getClientRects().length > 0;
}
const small = [];
let smallest = Infinity;
for (const el of document.querySelectorAll(interactive)) {
  if (!visible(el) || inRunningText(el)) continue;
  const rects = Array.from(el.getClientRects());
  // a link that wraps onto several lines: its largest line box counts
  const w = Math.max(...rects.map((r) => r.width)), h = Math.max(...rects.map((r) => r.height));
  smallest = Math.min(smallest, Math.min(w, h));
  if (w < MIN - 0.01 || h < MIN - 0.01) {
    const name = (el.getAttribute("aria-label") || el.textContent || el.id || el.tagName).trim().replace(/\s+/g, " ").slice(0, 40);
    small.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""} „${name}“ ${Math.round(w)}×${Math.round(h)}`);
  }
}
return { small: small, smallest: Math.round(smallest * 10) / 10 };
