#!/usr/bin/env node
// node scripts/ansi-to-svg.mjs capture.ansi > out.svg
//
// Renders a terminal capture (tmux capture-pane -e: text with SGR colour
// escapes) as an SVG picture, so docs can show real terminal output.
import { readFileSync } from "node:fs";

const COLORS = ["#1e1e1e", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#dcdfe4"];
const BRIGHT = ["#7f848e", "#ff7a85", "#b5e890", "#ffd68a", "#82c4ff", "#de9bf0", "#7fd6e0", "#ffffff"];
const text = readFileSync(process.argv[2], "utf8").replace(/\n+$/, "");
const lines = text.split("\n");
const W = 8.4;
const H = 18;
const width = Math.ceil(Math.max(...lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").length)) * W + 24);
const height = lines.length * H + 24;
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">\n`;
out += `<rect width="100%" height="100%" rx="6" fill="#282c34"/>\n`;
// tmux writes an attribute once and leaves it on across line ends: the state carries over.
let state = { fg: null, bg: null, bold: false, dim: false };
lines.forEach((line, row) => {
  let col = 0;
  const y = 12 + row * H;
  for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
    const m = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (m) {
      const codes = m[1] === "" ? [0] : m[1].split(";").map(Number);
      for (const c of codes) {
        if (c === 0) state = { fg: null, bg: null, bold: false, dim: false };
        else if (c === 1) state.bold = true;
        else if (c === 2) state.dim = true;
        else if (c === 22) state = { ...state, bold: false, dim: false };
        else if (c >= 30 && c <= 37) state.fg = COLORS[c - 30];
        else if (c === 39) state.fg = null;
        else if (c >= 40 && c <= 47) state.bg = COLORS[c - 40];
        else if (c === 49) state.bg = null;
        else if (c >= 90 && c <= 97) state.fg = BRIGHT[c - 90];
      }
      continue;
    }
    if (part === "") continue;
    const x = 12 + col * W;
    if (state.bg) out += `<rect x="${x}" y="${y}" width="${part.length * W}" height="${H}" fill="${state.bg}"/>`;
    const fill = state.fg ?? (state.bold ? "#ffffff" : "#dcdfe4");
    out += `<text x="${x}" y="${y + 13}" fill="${fill}"${state.bold ? ' font-weight="bold"' : ""}${state.dim ? ' opacity="0.6"' : ""} xml:space="preserve">${esc(part)}</text>`;
    col += part.length;
  }
  out += "\n";
});
out += "</svg>\n";
process.stdout.write(out);
