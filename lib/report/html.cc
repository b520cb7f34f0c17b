// render_html: the report as one self-contained HTML page.
//
// Everything the page needs is inline: the stylesheet, a small script for
// filtering, sorting and copying, and the data. There are no URLs to other
// hosts, so the file works from a USB stick on a machine without network.
// Every text taken from the report goes through esc().
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/html_labels.h"
#include "report/report_model.h"
#include "report/report_text.h"
#include "styrkoll/report.h"

namespace styrkoll {

namespace {

using report::DocumentEntry;
using report::HtmlLabels;
using report::Lang;
using report::Perspective;

// Escapes text for element content and quoted attribute values.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Replaces {0}, {1} ... in a label (the label is ours, the arguments are escaped by the caller).
std::string fill(std::string_view tpl, std::initializer_list<std::string> args) {
  std::string out(tpl);
  std::size_t i = 0;
  for (const auto& a : args) {
    std::string key = "{" + std::to_string(i++) + "}";
    for (std::size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + a.size()))
      out.replace(pos, key.size(), a);
  }
  return out;
}

int coverage_rank(std::string_view c) { return c == "strong" ? 3 : c == "weak" ? 2 : c == "missing" ? 1 : 0; }

// A symbol per coverage so that the meaning never rests on colour alone.
std::string_view coverage_symbol(std::string_view c) {
  if (c == "strong") return "\u2713";  // check mark
  if (c == "weak") return "!";
  if (c == "missing") return "\u2717";  // ballot x
  return "\u2013";                      // en dash
}

std::string percent(double v) { return std::to_string(static_cast<long>(std::lround(v))) + "\u00a0%"; }

std::string join_section(const std::vector<std::string>& section) {
  std::string s;
  for (const auto& part : section) s += (s.empty() ? "" : " \u203a ") + part;
  return s;
}

const char kCss[] = R"CSS(
:root{--ink:#1d2330;--muted:#5a6273;--line:#d5d9e0;--bg:#f6f7f9;--card:#fff;--accent:#1f4e79;
--strong-bg:#d4e6f7;--strong-fg:#0a4d80;--weak-bg:#ffe8a8;--weak-fg:#6b4a00;--missing-bg:#f9cbb5;--missing-fg:#8a2f00;
--na-bg:#eef0f3;--na-fg:#6b7280}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{font-size:16px}
body{margin:0;font-family:"Segoe UI",Calibri,"Liberation Sans","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
header.top{background:var(--accent);color:#fff;padding:1.2rem 2rem}
header.top h1{margin:0 0 .2rem;font-size:1.7rem}
header.top p{margin:.1rem 0;opacity:.92}
header.top .meta{font-size:.85rem}
nav.toc{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.4rem 2rem;display:flex;gap:1.2rem;flex-wrap:wrap;align-items:center}
nav.toc a{color:var(--accent);text-decoration:none;font-weight:600}
nav.toc a:hover{text-decoration:underline}
nav.toc button{margin-left:auto}
main{max-width:1200px;margin:0 auto;padding:1rem 2rem 3rem}
section.part{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.5rem;margin:1.2rem 0}
h2{font-size:1.35rem;margin:.2rem 0 .8rem;color:var(--accent)}
h3{font-size:1.15rem;margin:.2rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .3rem}
h5{font-size:.85rem;margin:.6rem 0 .2rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.stats{display:flex;flex-wrap:wrap;gap:.8rem;margin:.5rem 0 1rem}
.stat{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:9rem;background:#fbfcfd}
.stat b{display:block;font-size:1.6rem;line-height:1.2}
.stat span{font-size:.85rem;color:var(--muted)}
.stat small{display:block;font-size:.8rem;color:var(--muted)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:4px;padding:0 .4rem;font-size:.8rem;font-weight:600;white-space:nowrap;vertical-align:middle}
.cov-strong{background:var(--strong-bg);color:var(--strong-fg)}
.cov-weak{background:var(--weak-bg);color:var(--weak-fg)}
.cov-missing{background:var(--missing-bg);color:var(--missing-fg)}
.cov-na{background:var(--na-bg);color:var(--na-fg)}
.st-error,.st-needs_ocr{background:#fde2e2;color:#8a1c1c}
.st-out_of_scope{background:var(--na-bg);color:var(--na-fg)}
.st-analyzed{background:#e3f1e6;color:#1f5f2e}
.badge.assessed{background:#ece6f7;color:#4b2a85}
ol.top-gaps li{margin:.3rem 0}
.matrix-wrap{overflow-x:auto}
table{border-collapse:collapse}
table.matrix th,table.matrix td{border:1px solid var(--line);padding:.2rem .3rem;text-align:center;font-size:.85rem}
table.matrix thead th{vertical-align:bottom;height:13rem;font-weight:600}
table.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block}
table.matrix tbody th{text-align:left;font-weight:600;min-width:11rem;max-width:17rem}
table.matrix td{min-width:1.8rem;font-weight:700}
table.matrix td small{display:block;font-weight:400;font-size:.7rem}
.legend{display:flex;flex-wrap:wrap;gap:.6rem;font-size:.85rem;margin:.6rem 0}
.legend span{padding:.1rem .5rem;border:1px solid var(--line);border-radius:4px}
table.list{width:100%;font-size:.9rem}
table.list th,table.list td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
ul.types{list-style:none;padding:0;margin:0}
ul.types li{padding:.15rem 0}
.finding{border-left:6px solid var(--missing-fg);padding:.4rem .8rem;margin:.7rem 0;background:#fffaf7}
.finding.sev-weak{border-left-style:dashed;border-left-color:var(--weak-fg);background:#fffdf3}
.rec{border:1px solid #9db7d3;background:#f2f7fc;border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}
.rec-head{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.rec-head h5{margin:.2rem 0}
.rec-text{margin:.2rem 0 .3rem;white-space:pre-wrap}
button{font:inherit;font-size:.85rem;border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:4px;padding:.15rem .7rem;cursor:pointer}
button:hover{background:var(--accent);color:#fff}
.controls{display:none;flex-wrap:wrap;gap:.8rem 1.4rem;align-items:end;margin:.3rem 0 1rem;padding:.6rem .8rem;background:#f1f4f8;border-radius:6px}
.js .controls{display:flex}
.controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:.15rem}
.controls label.check{flex-direction:row;align-items:center;gap:.4rem;color:var(--ink);font-size:.9rem}
.controls input[type=search]{min-width:16rem}
.controls select,.controls input{font:inherit;font-size:.9rem;padding:.15rem .3rem}
.count{font-size:.85rem;color:var(--muted);margin-left:auto}
section.doc{border:1px solid var(--line);border-radius:8px;padding:.8rem 1.2rem;margin:1rem 0;background:#fff}
section.doc h3 .path{font-weight:400;color:var(--muted);font-size:.85rem;display:block;word-break:break-all}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0 .6rem;font-size:.9rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.score{display:inline-block;width:8rem;height:.6rem;border:1px solid var(--line);border-radius:3px;background:#fff;vertical-align:middle;margin-right:.4rem;overflow:hidden}
.score i{display:block;height:100%;background:var(--strong-fg)}
.notice{border:2px solid #8a1c1c;background:#fde2e2;color:#5c1010;border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}
.notice.quiet{border-color:var(--line);background:var(--na-bg);color:var(--ink)}
article.gap{border-left:6px solid var(--missing-fg);padding:.3rem .9rem .5rem;margin:.8rem 0;background:#fffaf7}
article.gap.cov-weak-gap{border-left-style:dashed;border-left-color:var(--weak-fg);background:#fffdf3}
article.gap.is-assessed{opacity:.8;border-left-color:#4b2a85;background:#faf8fd}
article.gap .sym{font-weight:700;margin-right:.3rem}
article.gap .msg{margin:.2rem 0;font-weight:600}
.assessment-box{border:1px dashed #4b2a85;border-radius:4px;padding:.3rem .6rem;margin:.4rem 0;font-size:.9rem}
blockquote{margin:.3rem 0;padding:.3rem .8rem;border-left:3px solid var(--line);background:#fafafa;font-style:italic}
blockquote footer{font-style:normal;font-size:.8rem;color:var(--muted)}
blockquote .markers{font-style:normal;font-size:.8rem;color:var(--muted);margin:.2rem 0 0}
blockquote .markers mark{background:#fff3b0;padding:0 .15rem}
ul.strong-list{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.2rem 0}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem}
footer.page{text-align:center;color:var(--muted);font-size:.8rem;padding:1rem}
@media print{
  html{font-size:10.5pt}
  body{background:#fff;color:#000}
  nav.toc,.controls,button,.count{display:none!important}
  header.top{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .5rem}
  main{max-width:none;padding:0}
  section.part,section.doc{border:none;padding:0;margin:0 0 1rem}
  section.doc{break-before:page;page-break-before:always}
  article.gap,.finding,.rec,blockquote,tr,.stat{break-inside:avoid;page-break-inside:avoid}
  h2,h3,h4{break-after:avoid;page-break-after:avoid}
  a{color:#000;text-decoration:none}
  .badge,.stat,.rec,.notice{border-color:#000}
  article.gap,.finding{background:none;border-left-color:#000}
  .rec{background:none}
  table.matrix td,.badge,.score i{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  table.matrix thead th{height:10rem}
  table.matrix th,table.matrix td{font-size:7pt;padding:1px}
  table.matrix td{min-width:0}
  .matrix-wrap{overflow:visible}
}
)CSS";

const char kScript[] = R"JS(
(function(){
  'use strict';
  var L = JSON.parse(document.getElementById('labels').textContent);
  document.documentElement.classList.add('js');

  function fallbackCopy(text){
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.left = '-9999px';
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }
  function flash(btn, text){
    var old = btn.getAttribute('data-label') || btn.textContent;
    btn.setAttribute('data-label', old);
    btn.textContent = text;
    setTimeout(function(){ btn.textContent = old; }, 2000);
  }
  document.addEventListener('click', function(ev){
    var btn = ev.target.closest ? ev.target.closest('button.copy') : null;
    if (!btn) return;
    var box = btn.closest('.rec');
    var text = box ? box.querySelector('.rec-text').textContent : '';
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function(){ flash(btn, L.copied); },
        function(){ flash(btn, fallbackCopy(text) ? L.copied : L.copyFailed); });
    } else {
      flash(btn, fallbackCopy(text) ? L.copied : L.copyFailed);
    }
  });
  var printBtn = document.getElementById('print');
  if (printBtn) printBtn.addEventListener('click', function(){ window.print(); });

  var list = document.getElementById('doc-list');
  if (!list) return;
  var docs = Array.prototype.slice.call(list.querySelectorAll('section.doc'));
  docs.forEach(function(d){ d.searchText = d.textContent.toLowerCase(); });
  var fType = document.getElementById('f-type');
  var fGaps = document.getElementById('f-gaps');
  var fText = document.getElementById('f-text');
  var fSort = document.getElementById('f-sort');
  var count = document.getElementById('f-count');
  var empty = document.getElementById('f-empty');

  function apply(){
    var type = fType.value, onlyGaps = fGaps.checked, q = fText.value.trim().toLowerCase();
    var words = q ? q.split(/\s+/) : [];
    var shown = 0;
    docs.forEach(function(d){
      var dt = d.getAttribute('data-type');
      var ok = (!type || (type === '__none__' ? !dt : dt === type)) &&
               (!onlyGaps || Number(d.getAttribute('data-gaps')) > 0) &&
               words.every(function(w){ return d.searchText.indexOf(w) >= 0; });
      d.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = L.showing.replace('{0}', shown).replace('{1}', docs.length);
    empty.hidden = shown > 0;
  }
  function sortDocs(){
    var key = fSort.value;
    var byPath = function(a, b){ return a.getAttribute('data-path').localeCompare(b.getAttribute('data-path'), L.lang); };
    var cmp = byPath;
    if (key === 'type') {
      cmp = function(a, b){
        var ta = a.getAttribute('data-typename'), tb = b.getAttribute('data-typename');
        if (!ta !== !tb) return ta ? -1 : 1;
        return ta.localeCompare(tb, L.lang) || byPath(a, b);
      };
    } else if (key === 'score') {
      cmp = function(a, b){
        var sa = Number(a.getAttribute('data-score')), sb = Number(b.getAttribute('data-score'));
        if ((sa < 0) !== (sb < 0)) return sa < 0 ? 1 : -1;
        return (sa - sb) || byPath(a, b);
      };
    }
    docs.slice().sort(cmp).forEach(function(d){ list.appendChild(d); });
  }
  fType.addEventListener('change', apply);
  fGaps.addEventListener('change', apply);
  fText.addEventListener('input', apply);
  fSort.addEventListener('change', sortDocs);
  sortDocs();
  apply();
  document.body.setAttribute('data-ready', 'yes');
})();
)JS";

class HtmlRenderer {
 public:
  HtmlRenderer(const report::Report& r, const HtmlLabels& l, Lang lang, std::string title)
      : r_(r), l_(l), lang_(lang), title_(std::move(title)) {
    for (std::size_t i = 0; i < r_.documents.size(); ++i) {
      doc_anchor_[r_.documents[i].path] = "dok-" + std::to_string(i + 1);
      for (const auto& p : r_.documents[i].perspectives) {
        if (!p.fingerprint.empty()) known_fingerprints_.insert(p.fingerprint);
        perspective_names_.emplace(p.id, p.name);
      }
    }
    for (const auto& pc : r_.archive.perspectives) perspective_names_.emplace(pc.id, pc.name);
  }

  std::string render() {
    // Evidence is shown whole and escaped, around a fixed frame per document:
    // one buffer for the page, not a chain of ever larger copies.
    o_.reserve(report::text_bytes(r_) * 3 / 2 + 2048 * r_.documents.size() + 262144);
    head();
    o_ += "<main>\n";
    summary();
    matrix();
    archive();
    if (r_.baseline) baseline();
    documents();
    o_ += "</main>\n<footer class=\"page\">" + fill(l_.footer, {esc(r_.tool_version)}) + "</footer>\n";
    labels_json();
    o_ += "<script>";
    o_ += kScript;
    o_ += "</script>\n</body>\n</html>\n";
    return std::move(o_);
  }

 private:
  std::string cov(std::string_view c) const { return std::string(report::coverage_label(lang_, c)); }

  void head() {
    o_ += "<!DOCTYPE html>\n<html lang=\"" + std::string(l_.lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    o_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    o_ += "<meta name=\"generator\" content=\"styrkoll " + esc(r_.tool_version) + "\">\n";
    o_ += "<title>" + esc(title_) + "</title>\n<style>";
    o_ += kCss;
    o_ += "</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>" + esc(title_) + "</h1>\n";
    o_ += "<p>" + std::string(l_.subtitle) + "</p>\n<p class=\"meta\">";
    std::vector<std::string> meta;
    if (!r_.scan_finished.empty()) meta.push_back(std::string(l_.scanned) + ": " + esc(r_.scan_finished));
    if (!r_.pack_id.empty())
      meta.push_back(std::string(l_.rule_pack) + ": " + esc(r_.pack_id) + " " + esc(r_.pack_version));
    meta.push_back(std::string(l_.tool) + ": styrkoll " + esc(r_.tool_version));
    if (!r_.scan_roots.empty()) {
      std::string roots;
      for (const auto& root : r_.scan_roots) roots += (roots.empty() ? "" : ", ") + esc(root);
      meta.push_back(std::string(l_.roots) + ": " + roots);
    }
    for (std::size_t i = 0; i < meta.size(); ++i) o_ += (i ? " · " : "") + meta[i];
    o_ += "</p>\n</header>\n<nav class=\"toc\">";
    o_ += "<a href=\"#sammanfattning\">" + std::string(l_.nav_summary) + "</a>";
    o_ += "<a href=\"#matris\">" + std::string(l_.nav_matrix) + "</a>";
    o_ += "<a href=\"#arkiv\">" + std::string(l_.nav_archive) + "</a>";
    if (r_.baseline) o_ += "<a href=\"#forandring\">" + std::string(l_.nav_change) + "</a>";
    o_ += "<a href=\"#dokument\">" + std::string(l_.nav_documents) + "</a>";
    o_ += "<button type=\"button\" id=\"print\">" + std::string(l_.print) + "</button></nav>\n";
  }

  void stat(std::int64_t n, std::string_view label, const std::string& extra = {}) {
    o_ += "<div class=\"stat\"><b>" + std::to_string(n) + "</b><span>" + std::string(label) + "</span>";
    if (!extra.empty()) o_ += "<small>" + extra + "</small>";
    o_ += "</div>";
  }

  // Perspective counts over analysed documents: the archive's, or counted here when absent.
  std::vector<report::PerspectiveCount> perspective_counts() const {
    if (!r_.archive.perspectives.empty()) return r_.archive.perspectives;
    std::vector<report::PerspectiveCount> out;
    std::map<std::string, std::size_t> index;
    for (const auto& d : r_.documents) {
      if (d.status != "analyzed") continue;
      for (const auto& p : d.perspectives) {
        auto [it, inserted] = index.emplace(p.id, out.size());
        if (inserted) out.push_back({p.id, p.name, 0, 0, 0});
        auto& c = out[it->second];
        (p.coverage == "strong" ? c.strong : p.coverage == "weak" ? c.weak : c.missing)++;
      }
    }
    return out;
  }

  void summary() {
    const auto& t = r_.archive.totals;
    o_ +=
        "<section class=\"part\" id=\"sammanfattning\">\n<h2>" + std::string(l_.summary_heading) + "</h2>\n";
    o_ += "<div class=\"stats\">";
    stat(t.documents, l_.documents);
    stat(t.analyzed, l_.analyzed);
    stat(t.out_of_scope, l_.out_of_scope);
    stat(t.needs_ocr, l_.needs_ocr);
    stat(t.errors, l_.errors);
    o_ += "</div>\n<div class=\"stats\">";
    stat(t.gaps, l_.gaps,
         std::to_string(t.missing) + " " + std::string(l_.gaps_missing) + ", " + std::to_string(t.weak) +
             " " + std::string(l_.gaps_weak));
    stat(t.open_gaps, std::string(l_.gaps) + " " + std::string(l_.gaps_open));
    stat(t.gaps - t.open_gaps, std::string(l_.gaps) + " " + std::string(l_.gaps_assessed));
    stat(t.strong, l_.strong_total);
    o_ += "</div>\n";

    o_ += "<h3>" + std::string(l_.types_found_heading) + "</h3>\n";
    if (r_.archive.types_found.empty()) {
      o_ += "<p>" + std::string(l_.none) + "</p>\n";
    } else {
      o_ += "<p>";
      for (std::size_t i = 0; i < r_.archive.types_found.size(); ++i) {
        const auto& ty = r_.archive.types_found[i];
        o_ += (i ? ", " : "") + esc(ty.name) + " (" + std::to_string(ty.count) + ")";
      }
      o_ += "</p>\n";
    }

    o_ +=
        "<h3>" + std::string(l_.top_gaps_heading) + "</h3>\n<p>" + std::string(l_.top_gaps_intro) + "</p>\n";
    std::vector<const report::ArchiveFinding*> findings;
    for (const auto& f : r_.archive.findings) findings.push_back(&f);
    std::stable_sort(findings.begin(), findings.end(), [](auto* a, auto* b) {
      return coverage_rank(a->severity) < coverage_rank(b->severity);
    });
    std::vector<report::PerspectiveCount> counts = perspective_counts();
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
      return a.missing != b.missing ? a.missing > b.missing : a.weak > b.weak;
    });
    std::size_t shown_perspectives = 0;
    std::string items;
    for (const auto* f : findings) {
      std::string sev = f->severity.empty() ? "missing" : f->severity;
      items += "<li><span class=\"badge cov-" + esc(sev) + "\">" + std::string(l_.archive_level) + ": " +
               esc(cov(sev)) + "</span> " + esc(f->message) + "</li>\n";
    }
    for (const auto& c : counts) {
      if (c.missing + c.weak == 0 || shown_perspectives == 5) break;
      ++shown_perspectives;
      std::string sev = c.missing > 0 ? "missing" : "weak";
      items += "<li><span class=\"badge cov-" + sev + "\">" + std::string(coverage_symbol(sev)) +
               "</span> <b>" + esc(c.name) + "</b> " +
               fill(l_.perspective_gap_line, {std::to_string(c.missing), std::to_string(c.weak),
                                              std::to_string(c.strong + c.weak + c.missing)}) +
               "</li>\n";
    }
    if (items.empty())
      o_ += "<p>" + std::string(l_.no_gaps_found) + "</p>\n";
    else
      o_ += "<ol class=\"top-gaps\">\n" + items + "</ol>\n";
    o_ += "</section>\n";
  }

  void legend() {
    o_ += "<div class=\"legend\" aria-label=\"" + std::string(l_.legend) + "\">";
    for (std::string_view c : {"strong", "weak", "missing"})
      o_ += "<span class=\"cov-" + std::string(c) + "\">" + std::string(coverage_symbol(c)) + " " + cov(c) +
            "</span>";
    o_ += "<span class=\"cov-na\">" + std::string(coverage_symbol("")) + " " +
          std::string(l_.matrix_not_expected) + "</span></div>\n";
  }

  void matrix() {
    o_ += "<section class=\"part\" id=\"matris\">\n<h2>" + std::string(l_.matrix_heading) + "</h2>\n";
    // Rows: the types of analysed documents; columns: their perspectives.
    struct Cell {
      int strong = 0, weak = 0, missing = 0;
    };
    std::vector<std::string> types, type_names;
    std::map<std::string, std::string> first_doc;
    std::vector<std::string> columns;
    std::map<std::string, std::string> column_names;
    std::map<std::pair<std::string, std::string>, Cell> cells;
    for (const auto& pc : r_.archive.perspectives) {
      columns.push_back(pc.id);
      column_names[pc.id] = pc.name;
    }
    for (std::size_t i = 0; i < r_.documents.size(); ++i) {
      const auto& d = r_.documents[i];
      if (d.status != "analyzed" || !d.doc_type || d.perspectives.empty()) continue;
      if (!first_doc.count(d.doc_type->id)) {
        first_doc[d.doc_type->id] = doc_anchor_[d.path];
        types.push_back(d.doc_type->id);
        type_names.push_back(d.doc_type->name);
      }
      for (const auto& p : d.perspectives) {
        if (!column_names.count(p.id)) {
          columns.push_back(p.id);
          column_names[p.id] = p.name;
        }
        Cell& c = cells[{d.doc_type->id, p.id}];
        (p.coverage == "strong" ? c.strong : p.coverage == "weak" ? c.weak : c.missing)++;
      }
    }
    // Rows in the order of the archive's type list (the pack's order), others after.
    {
      std::map<std::string, std::size_t> order;
      for (const auto& tf : r_.archive.types_found) order.emplace(tf.id, order.size());
      std::vector<std::size_t> idx(types.size());
      for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
      auto rank = [&](std::size_t i) {
        auto it = order.find(types[i]);
        return it == order.end() ? order.size() + i : it->second;
      };
      std::stable_sort(idx.begin(), idx.end(),
                       [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
      std::vector<std::string> t2, n2;
      for (std::size_t i : idx) {
        t2.push_back(types[i]);
        n2.push_back(type_names[i]);
      }
      types = std::move(t2);
      type_names = std::move(n2);
    }
    // Drop columns no analysed document has.
    std::vector<std::string> used;
    for (const auto& col : columns) {
      bool any = false;
      for (const auto& ty : types) any = any || cells.count({ty, col});
      if (any) used.push_back(col);
    }
    if (types.empty()) {
      o_ += "<p>" + std::string(l_.matrix_no_documents) + "</p>\n</section>\n";
      return;
    }
    o_ += "<p>" + std::string(l_.matrix_intro) + "</p>\n";
    legend();
    o_ += "<div class=\"matrix-wrap\"><table class=\"matrix\" id=\"matrix\">\n<thead><tr><th scope=\"col\">" +
          std::string(l_.matrix_type) + "</th>";
    for (const auto& col : used) o_ += "<th scope=\"col\"><span>" + esc(column_names[col]) + "</span></th>";
    o_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t t = 0; t < types.size(); ++t) {
      o_ += "<tr><th scope=\"row\"><a href=\"#" + first_doc[types[t]] + "\">" + esc(type_names[t]) +
            "</a></th>";
      for (const auto& col : used) {
        auto it = cells.find({types[t], col});
        if (it == cells.end()) {
          o_ += "<td class=\"cov-na\" title=\"" + std::string(l_.matrix_not_expected) + "\">" +
                std::string(coverage_symbol("")) + "</td>";
          continue;
        }
        const Cell& c = it->second;
        std::string best = c.strong ? "strong" : c.weak ? "weak" : "missing";
        int n = c.strong + c.weak + c.missing;
        o_ += "<td class=\"cov-" + best + "\" data-coverage=\"" + best + "\" title=\"" +
              esc(column_names[col]) + ": " +
              fill(l_.matrix_cell_title, {std::to_string(n), std::to_string(c.strong), std::to_string(c.weak),
                                          std::to_string(c.missing)}) +
              "\"><span aria-label=\"" + cov(best) + "\">" + std::string(coverage_symbol(best)) + "</span>";
        if (n > 1) o_ += "<small>" + std::to_string(n) + "</small>";
        o_ += "</td>";
      }
      o_ += "</tr>\n";
    }
    o_ += "</tbody></table></div>\n</section>\n";
  }

  void recommendation_box(const std::string& text) {
    if (text.empty()) return;
    o_ += "<div class=\"rec\"><div class=\"rec-head\"><h5>" + std::string(l_.recommendation) +
          "</h5><button type=\"button\" class=\"copy\">" + std::string(l_.copy) +
          "</button></div><p class=\"rec-text\">" + esc(text) + "</p></div>\n";
  }

  void archive() {
    const auto& a = r_.archive;
    o_ += "<section class=\"part\" id=\"arkiv\">\n<h2>" + std::string(l_.archive_heading) + "</h2>\n";
    o_ += "<div class=\"columns\"><div><h3>" + std::string(l_.archive_found) + "</h3>\n";
    if (a.types_found.empty())
      o_ += "<p>" + std::string(l_.none) + "</p>\n";
    else {
      o_ += "<ul class=\"types\" id=\"types-found\">";
      for (const auto& t : a.types_found)
        o_ += "<li><span class=\"badge cov-strong\">" + std::string(coverage_symbol("strong")) + "</span> " +
              esc(t.name) + " (" + std::to_string(t.count) + ")</li>";
      o_ += "</ul>\n";
    }
    o_ += "</div><div><h3>" + std::string(l_.archive_missing) + "</h3>\n";
    if (a.types_missing.empty())
      o_ += "<p>" + std::string(l_.none) + "</p>\n";
    else {
      o_ += "<ul class=\"types\" id=\"types-missing\">";
      for (const auto& t : a.types_missing)
        o_ += "<li><span class=\"badge cov-missing\">" + std::string(coverage_symbol("missing")) +
              "</span> " + esc(t.name) + "</li>";
      o_ += "</ul>\n";
    }
    o_ += "</div></div>\n<h3>" + std::string(l_.archive_findings) + "</h3>\n";
    if (a.findings.empty()) o_ += "<p>" + std::string(l_.archive_no_findings) + "</p>\n";
    for (const auto& f : a.findings) {
      std::string sev = f.severity == "weak" ? "weak" : "missing";
      o_ += "<div class=\"finding sev-" + sev + "\" id=\"arkiv-" + esc(f.id) +
            "\"><p><span class=\"badge cov-" + sev + "\">" + std::string(coverage_symbol(sev)) + " " +
            cov(sev) + "</span> " + esc(f.message) + "</p>\n";
      recommendation_box(f.recommendation);
      o_ += "</div>\n";
    }
    o_ += "</section>\n";
  }

  std::string coverage_badge(const std::string& c) const {
    if (c.empty()) return "<span class=\"badge cov-na\">" + std::string(coverage_symbol("")) + "</span>";
    return "<span class=\"badge cov-" + esc(c) + "\">" + std::string(coverage_symbol(c)) + " " + cov(c) +
           "</span>";
  }

  std::string perspective_name(const std::string& id) const {
    auto it = perspective_names_.find(id);
    return it == perspective_names_.end() ? id : it->second;
  }

  void baseline() {
    const auto& b = *r_.baseline;
    o_ += "<section class=\"part\" id=\"forandring\">\n<h2>" + std::string(l_.change_heading) + "</h2>\n";
    if (!b.baseline_scan.empty()) o_ += "<p>" + fill(l_.change_compared, {esc(b.baseline_scan)}) + "</p>\n";
    o_ += "<div class=\"stats\">";
    const std::pair<std::string_view, std::int64_t> counts[] = {
        {"fixed", b.fixed},         {"improved", b.improved},   {"new", b.added},
        {"regressed", b.regressed}, {"unchanged", b.unchanged}, {"assessed", b.assessed},
        {"removed", b.removed}};
    for (const auto& [kind, n] : counts) stat(n, report::change_label(lang_, kind));
    o_ += "</div>\n";
    if (b.items.empty()) {
      o_ += "<p>" + std::string(l_.change_no_items) + "</p>\n</section>\n";
      return;
    }
    o_ += "<table class=\"list\" id=\"change-items\"><thead><tr><th>" + std::string(l_.change_kind) +
          "</th><th>" + std::string(l_.change_document) + "</th><th>" + std::string(l_.change_perspective) +
          "</th><th>" + std::string(l_.change_before) + "</th><th>" + std::string(l_.change_now) +
          "</th></tr></thead><tbody>\n";
    // Grouped by kind in the order of the counts above.
    for (const auto& [kind, n] : counts) {
      (void)n;
      for (const auto& it : b.items) {
        if (it.change != kind) continue;
        std::string link;
        if (known_fingerprints_.count(it.fingerprint))
          link = "#fp-" + esc(it.fingerprint);
        else if (doc_anchor_.count(it.path))
          link = "#" + doc_anchor_.at(it.path);
        std::string path = link.empty() ? esc(it.path) : "<a href=\"" + link + "\">" + esc(it.path) + "</a>";
        o_ += "<tr class=\"change-" + esc(it.change) + "\"><td>" +
              esc(report::change_label(lang_, it.change)) + "</td><td>" + path + "</td><td>" +
              esc(perspective_name(it.perspective)) + "</td><td>" + coverage_badge(it.old_coverage) +
              "</td><td>" + coverage_badge(it.new_coverage) + "</td></tr>\n";
      }
    }
    o_ += "</tbody></table>\n</section>\n";
  }

  // "Bedömningen vilar på: skyldighet «ska» · uppföljning «delårsrapporten»": the words
  // that carried each class, so a reader can check the verdict against the quote.
  void marker_line(const std::vector<std::string>& markers) {
    std::string items;
    for (const auto& m : markers) {
      auto colon = m.find(':');
      if (colon == std::string::npos) continue;
      std::string_view cls(m.data(), colon);
      std::string_view name = cls == "tie"              ? l_.m_tie
                              : cls == "obligation"     ? l_.m_obligation
                              : cls == "responsibility" ? l_.m_responsibility
                              : cls == "measurability"  ? l_.m_measurability
                              : cls == "resources"      ? l_.m_resources
                              : cls == "followup"       ? l_.m_followup
                              : cls == "hedge"          ? l_.m_hedge
                              : cls == "negation"       ? l_.m_negation
                              : cls == "generic"        ? l_.m_generic
                                                        : std::string_view();
      if (name.empty()) continue;  // the rule's own term, positions: internals
      items += std::string(items.empty() ? "" : " · ") + esc(std::string(name)) + " <mark>" + esc(m.substr(colon + 1)) +
               "</mark>";
    }
    if (!items.empty()) o_ += "<p class=\"markers\">" + esc(std::string(l_.carried_by)) + ": " + items + "</p>";
  }

  void evidence_list(const std::vector<report::Evidence>& evidence) {
    if (evidence.empty()) return;
    o_ += "<h5>" + std::string(l_.evidence) + "</h5>\n";
    for (const auto& e : evidence) {
      o_ += "<blockquote><p>" + esc(e.quote) + "</p>";
      std::vector<std::string> where;
      if (e.page > 0) where.push_back(std::string(l_.page) + " " + std::to_string(e.page));
      if (!e.section.empty()) where.push_back(esc(join_section(e.section)));
      if (!where.empty()) {
        o_ += "<footer>";
        for (std::size_t i = 0; i < where.size(); ++i) o_ += (i ? " · " : "") + where[i];
        o_ += "</footer>";
      }
      marker_line(e.markers);
      o_ += "</blockquote>\n";
    }
  }

  void gap(const Perspective& p) {
    std::string cls = "gap cov-" + p.coverage + "-gap" + (p.assessment ? " is-assessed" : "");
    o_ += "<article class=\"" + esc(cls) + "\"" +
          (p.fingerprint.empty() ? std::string() : " id=\"fp-" + esc(p.fingerprint) + "\"") +
          " data-perspective=\"" + esc(p.id) + "\">\n<h4><span class=\"sym\">" +
          std::string(coverage_symbol(p.coverage)) + "</span>" + esc(p.name) + " " +
          coverage_badge(p.coverage);
    if (p.assessment)
      o_ += " <span class=\"badge assessed\">" + std::string(l_.assessed) + ": " +
            esc(report::assessment_label(lang_, p.assessment->status)) + "</span>";
    o_ += "</h4>\n";
    if (!p.message.empty()) o_ += "<p class=\"msg\">" + esc(p.message) + "</p>\n";
    if (p.assessment) {
      const auto& a = *p.assessment;
      o_ += "<div class=\"assessment-box\"><b>" + std::string(l_.assessment) + ": " +
            esc(report::assessment_label(lang_, a.status)) + "</b>";
      if (!a.comment.empty()) o_ += " – " + esc(a.comment);
      std::vector<std::string> meta;
      if (!a.date.empty()) meta.push_back(esc(a.date));
      if (!a.by.empty()) meta.push_back(std::string(l_.assessment_by) + " " + esc(a.by));
      if (!meta.empty()) {
        o_ += " (";
        for (std::size_t i = 0; i < meta.size(); ++i) o_ += (i ? ", " : "") + meta[i];
        o_ += ")";
      }
      o_ += "</div>\n";
    }
    if (!p.reasons.empty()) {
      o_ += "<h5>" + std::string(l_.why) + "</h5>\n<ul class=\"reasons\">";
      for (const auto& reason : p.reasons) o_ += "<li>" + esc(reason) + "</li>";
      o_ += "</ul>\n";
    }
    evidence_list(p.evidence);
    recommendation_box(p.recommendation);
    o_ += "</article>\n";
  }

  void fact(std::string_view label, const std::string& html) {
    o_ += "<dt>" + std::string(label) + "</dt><dd>" + html + "</dd>";
  }

  void document(std::size_t index, const DocumentEntry& d) {
    std::string score = d.coverage_score ? std::to_string(*d.coverage_score) : "-1";
    o_ += "<section class=\"doc\" id=\"dok-" + std::to_string(index + 1) + "\" data-path=\"" + esc(d.path) +
          "\" data-type=\"" + (d.doc_type ? esc(d.doc_type->id) : std::string()) + "\" data-typename=\"" +
          (d.doc_type ? esc(d.doc_type->name) : std::string()) + "\" data-score=\"" + score +
          "\" data-gaps=\"" + std::to_string(d.gap_count()) + "\" data-status=\"" + esc(d.status) + "\">\n";
    o_ += "<h3>" + esc(d.title.empty() ? d.path : d.title) + " <span class=\"badge st-" + esc(d.status) +
          "\">" + esc(report::status_label(lang_, d.status)) + "</span><span class=\"path\">" + esc(d.path) +
          "</span></h3>\n<dl class=\"facts\">";
    fact(l_.path, esc(d.path));
    if (!d.title.empty()) fact(l_.title, esc(d.title));
    if (d.doc_type) {
      std::string t = esc(d.doc_type->name) + " (" + std::string(l_.confidence) + " " +
                      percent(d.doc_type->confidence * 100) + ", " +
                      std::string(d.doc_type->source == "manifest" ? l_.source_manifest : l_.source_auto) +
                      ")";
      if (d.doc_type->uncertain) {
        // Close to another reading: say so, and how to fix it.
        t += " <strong class=\"uncertain\">" + esc(fill(l_.type_uncertain, {d.doc_type->runner_up_name})) + "</strong>";
      }
      if (!d.doc_type->reasons.empty()) {
        t += "<details><summary>" + std::string(l_.type_reasons) + "</summary><ul>";
        for (const auto& reason : d.doc_type->reasons) t += "<li>" + esc(reason) + "</li>";
        t += "</ul></details>";
      }
      fact(l_.doc_type, t);
    }
    fact(l_.status, "<span class=\"badge st-" + esc(d.status) + "\">" +
                        esc(report::status_label(lang_, d.status)) + "</span>");
    if (!d.format.empty())
      fact(l_.format,
           esc(d.format) + (d.pages > 0 ? ", " + std::to_string(d.pages) + " " + std::string(l_.pages) : ""));
    if (d.status == "analyzed" || !d.wc_explicit.empty()) {
      std::string w = coverage_badge(d.wc_explicit);
      if (!d.wc_evidence.empty()) w += " <q>" + esc(d.wc_evidence.front().quote) + "</q>";
      fact(l_.wc_explicit, w);
    }
    if (d.coverage_score) {
      double s = std::clamp(*d.coverage_score, 0.0, 100.0);
      fact(l_.coverage_score,
           "<span class=\"score\"><i style=\"width:" + std::to_string(static_cast<int>(s)) +
               "%\"></i></span>" + std::to_string(static_cast<long>(std::lround(s))) + " / 100");
    } else if (d.status == "analyzed") {
      fact(l_.coverage_score, std::string(l_.not_scored));
    }
    if (!d.duplicates.empty()) {
      std::string dup;
      for (const auto& p : d.duplicates) dup += (dup.empty() ? "" : "<br>") + esc(p);
      fact(l_.duplicates, dup);
    }
    if (!d.warnings.empty()) {
      std::string w;
      for (const auto& m : d.warnings) w += (w.empty() ? "" : "<br>") + esc(m);
      fact(l_.warnings, w);
    }
    o_ += "</dl>\n";

    if (d.error) {
      o_ += "<div class=\"notice\" role=\"alert\"><b>" + std::string(l_.error) +
            (d.error->code.empty() ? "" : " (" + esc(d.error->code) + ")") + ":</b> " +
            esc(d.error->message) + "</div>\n";
    }
    if (d.status == "needs_ocr")
      o_ += "<div class=\"notice\"><b>OCR:</b> " + std::string(l_.needs_ocr_note) + "</div>\n";
    if (d.status == "out_of_scope")
      o_ += "<div class=\"notice quiet\">" + std::string(l_.out_of_scope_note) + "</div>\n";

    if (!d.perspectives.empty()) {
      std::vector<const Perspective*> gaps, strong;
      for (const auto& p : d.perspectives) (p.is_gap() ? gaps : strong).push_back(&p);
      // Open gaps first, missing before weak; assessed ones last.
      std::stable_sort(gaps.begin(), gaps.end(), [](const Perspective* a, const Perspective* b) {
        if (a->assessment.has_value() != b->assessment.has_value()) return !a->assessment.has_value();
        return coverage_rank(a->coverage) < coverage_rank(b->coverage);
      });
      o_ += "<h4>" + std::string(l_.gaps_heading) + " (" + std::to_string(gaps.size()) + ")</h4>\n";
      if (gaps.empty()) o_ += "<p>" + std::string(l_.no_gaps) + "</p>\n";
      for (const auto* p : gaps) gap(*p);
      if (!strong.empty()) {
        o_ += "<h5>" + std::string(l_.strong_heading) + "</h5>\n<ul class=\"strong-list\">";
        for (const auto* p : strong)
          o_ += "<li><span class=\"badge cov-strong\">" + std::string(coverage_symbol("strong")) + " " +
                esc(p->name) + "</span></li>";
        o_ += "</ul>\n";
      }
    }
    o_ += "</section>\n";
  }

  void documents() {
    o_ += "<section class=\"part\" id=\"dokument\">\n<h2>" + std::string(l_.documents_heading) + "</h2>\n";
    // Filter and sort controls; shown only when the script runs (class "js").
    std::map<std::string, std::string> types;  // name -> id, sorted by name
    bool untyped = false;
    for (const auto& d : r_.documents) {
      if (d.doc_type)
        types.emplace(d.doc_type->name, d.doc_type->id);
      else
        untyped = true;
    }
    o_ += "<div class=\"controls\" role=\"search\">";
    o_ += "<label>" + std::string(l_.filter_type) + "<select id=\"f-type\"><option value=\"\">" +
          std::string(l_.filter_all_types) + "</option>";
    for (const auto& [name, id] : types) o_ += "<option value=\"" + esc(id) + "\">" + esc(name) + "</option>";
    if (untyped) o_ += "<option value=\"__none__\">" + std::string(l_.filter_no_type) + "</option>";
    o_ += "</select></label>";
    o_ += "<label>" + std::string(l_.filter_search) + "<input type=\"search\" id=\"f-text\" placeholder=\"" +
          std::string(l_.filter_search_placeholder) + "\"></label>";
    o_ += "<label>" + std::string(l_.sort_by) + "<select id=\"f-sort\"><option value=\"path\">" +
          std::string(l_.sort_path) + "</option><option value=\"type\">" + std::string(l_.sort_type) +
          "</option><option value=\"score\">" + std::string(l_.sort_score) + "</option></select></label>";
    o_ += "<label class=\"check\"><input type=\"checkbox\" id=\"f-gaps\">" + std::string(l_.filter_gaps) +
          "</label>";
    o_ += "<span class=\"count\" id=\"f-count\" aria-live=\"polite\"></span></div>\n";
    o_ += "<p id=\"f-empty\" hidden>" + std::string(l_.no_match) + "</p>\n<div id=\"doc-list\">\n";
    for (std::size_t i = 0; i < r_.documents.size(); ++i) document(i, r_.documents[i]);
    o_ += "</div>\n</section>\n";
  }

  // Labels the script needs, as JSON in a non-executed script element.
  void labels_json() {
    boost::json::object o;
    o["lang"] = l_.lang;
    o["copied"] = l_.copied;
    o["copyFailed"] = l_.copy_failed;
    o["showing"] = l_.showing;
    std::string text = boost::json::serialize(o);
    std::string safe;
    for (char c : text) safe += (c == '<') ? std::string("\\u003c") : std::string(1, c);
    o_ += "<script type=\"application/json\" id=\"labels\">" + safe + "</script>\n";
  }

  const report::Report& r_;
  const HtmlLabels& l_;
  Lang lang_;
  std::string title_;
  std::string o_;
  std::map<std::string, std::string> doc_anchor_;
  std::set<std::string> known_fingerprints_;
  std::map<std::string, std::string> perspective_names_;  // id -> Swedish name
};

}  // namespace

Result<std::string> render_html(std::string_view report_json, const HtmlOptions& options) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  return report::render_html(parsed.value(), options);
}

Result<std::string> report::render_html(const report::Report& r, const HtmlOptions& options) {
  Lang lang;
  if (options.language == "sv" || options.language.empty())
    lang = Lang::sv;
  else if (options.language == "en")
    lang = Lang::en;
  else
    return Status(ErrorCode::invalid_argument,
                  "html: unsupported language '" + options.language + "' (use sv or en)");
  const HtmlLabels& labels = lang == Lang::sv ? report::html_labels_sv() : report::html_labels_en();
  std::string title = options.title.empty() ? std::string(labels.default_title) : options.title;
  HtmlRenderer renderer(r, labels, lang, std::move(title));
  return renderer.render();
}

}  // namespace styrkoll
