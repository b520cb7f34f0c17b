#include "scan/report_builder.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <thread>

#include "report/report_model.h"

#include "core/sha256.h"
#include "styrkoll/version.h"

namespace styrkoll::scan {

namespace json = boost::json;

namespace {

std::string s(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }
std::string field(const json::object& o, const char* k) { return o.contains(k) ? s(o.at(k)) : std::string(); }

bool path_ends_with(const std::string& path, const std::string& suffix) {
  if (suffix.empty() || suffix.size() > path.size()) return false;
  if (path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return suffix.size() == path.size() || path[path.size() - suffix.size() - 1] == '/';
}

}  // namespace

std::string fingerprint(const std::string& rule_id, const std::string& identity, const std::string& section) {
  return core::sha256_hex(rule_id + "\n" + identity + "\n" + section).substr(0, 16);
}

Result<std::vector<AssessmentEntry>> load_assessments(const std::string& path) {
  std::vector<AssessmentEntry> out;
  try {
    YAML::Node root = YAML::LoadFile(path);
    YAML::Node list = root["assessments"];
    if (!list || !list.IsSequence()) {
      return Status(ErrorCode::invalid_argument, path + ": expected 'assessments:' with a list of findings");
    }
    for (const auto& n : list) {
      int line = n.Mark().line + 1;
      AssessmentEntry e;
      for (auto it = n.begin(); it != n.end(); ++it) {
        std::string k = it->first.as<std::string>("");
        std::string v = it->second.as<std::string>("");
        if (k == "fingerprint") e.fingerprint = v;
        else if (k == "document") e.document = v;
        else if (k == "perspective") e.perspective = v;
        else if (k == "status") e.status = v;
        else if (k == "comment") e.comment = v;
        else if (k == "date") e.date = v;
        else if (k == "by") e.by = v;
        else return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(it->first.Mark().line + 1) + ": " + k + ": unknown key");
      }
      if (e.status != "handled" && e.status != "not_applicable" && e.status != "accepted_risk") {
        return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(line) +
                                                       ": status: expected handled, not_applicable or accepted_risk");
      }
      if (e.fingerprint.empty() && (e.document.empty() || e.perspective.empty())) {
        return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(line) +
                                                       ": name the finding by fingerprint, or by document and perspective");
      }
      out.push_back(e);
    }
  } catch (const YAML::Exception& e) {
    return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return out;
}

namespace {

// Counts for the archive section, fed one document entry at a time.
class ArchiveTally {
 public:
  void add(const json::object& d) {
    ++documents_;
    std::string status = field(d, "status");
    if (status == "analyzed") ++analyzed_;
    else if (status == "out_of_scope") ++oos_;
    else if (status == "needs_ocr") ++ocr_;
    else ++errors_;
    if (status != "analyzed") return;
    ++type_count_[s(d.at("doc_type").as_object().at("id"))];
    see("wc_explicit", field(d, "wc_explicit"));
    for (const auto& pv : d.at("perspectives").as_array()) {
      const json::object& p = pv.as_object();
      std::string cov = field(p, "coverage"), pid = field(p, "id");
      see(pid, cov);
      auto& row = per_[pid];
      if (cov == "strong") {
        ++strong_;
        ++row[0];
        continue;
      }
      ++gaps_;
      bool open = !p.contains("assessment");
      if (open) ++open_;
      if (cov == "weak") {
        ++weak_;
        ++row[1];
        if (open) ++open_weak_;
      } else {
        ++missing_;
        ++row[2];
        if (open) ++open_missing_;
      }
    }
  }

  // Adds the counts of another part of the same archive.
  void merge(const ArchiveTally& o) {
    documents_ += o.documents_;
    analyzed_ += o.analyzed_;
    oos_ += o.oos_;
    ocr_ += o.ocr_;
    errors_ += o.errors_;
    gaps_ += o.gaps_;
    open_ += o.open_;
    weak_ += o.weak_;
    missing_ += o.missing_;
    strong_ += o.strong_;
    open_missing_ += o.open_missing_;
    open_weak_ += o.open_weak_;
    for (const auto& [id, n] : o.type_count_) type_count_[id] += n;
    for (const auto& [pid, row] : o.per_) {
      auto& mine = per_[pid];
      for (std::size_t k = 0; k < row.size(); ++k) mine[k] += row[k];
    }
    for (const auto& [pid, c] : o.best_) see_level(pid, c);
  }

  std::size_t open_missing() const { return open_missing_; }
  std::size_t open_weak() const { return open_weak_; }

  json::object finish(const RulePack& pack, std::size_t files, std::size_t duplicates) {
    json::object totals{{"files", files},       {"documents", documents_}, {"analyzed", analyzed_},
                        {"out_of_scope", oos_}, {"needs_ocr", ocr_},       {"errors", errors_},
                        {"duplicates", duplicates}, {"gaps", gaps_},       {"open_gaps", open_},
                        {"weak", weak_},        {"missing", missing_},     {"strong", strong_}};
    json::array found, absent, findings, perspectives;
    for (const auto& t : pack.types()) {
      if (type_count_.count(t.id)) found.push_back(json::object{{"id", t.id}, {"name", t.name}, {"count", type_count_[t.id]}});
    }
    for (const auto& id : pack.archive().expected_types) {
      if (type_count_.count(id)) continue;
      const auto* t = pack.find_type(id);
      std::string name = t ? t->name : id;
      absent.push_back(json::object{{"id", id}, {"name", name}});
      bool plan = id == "handlingsplan_valfardsbrott";
      findings.push_back(json::object{
          {"id", "archive.missing_type." + id},
          {"severity", "missing"},
          {"message", "Det finns inget dokument av typen " + name + " i arkivet."},
          {"recommendation", plan ? "Ta fram en handlingsplan mot välfärdsbrottslighet som antas av kommunstyrelsen, med "
                                    "mål, åtgärder, ansvar, resurser och årlig uppföljning."
                                  : "Kontrollera om " + name + " finns men saknas i underlaget; annars bör den tas fram "
                                    "och ge välfärdsbrottsperspektivet en tydlig plats."}});
    }
    // The coordinator role must be assigned somewhere.
    if (best_["coordinator_role"] < 2) {
      findings.push_back(json::object{
          {"id", "archive.coordinator_role"},
          {"severity", best_["coordinator_role"] == 1 ? "weak" : "missing"},
          {"message", "Inget styrdokument ger tydligt någon rollen som samordnare mot välfärdsbrottslighet."},
          {"recommendation", "Kommunstyrelsen inrättar en funktion som samordnare mot välfärdsbrottslighet med uppdrag, "
                             "mandat och resurser, och anger den i mål och budget eller handlingsplanen."}});
    }
    for (const auto& pid : pack.archive().strong_perspectives) {
      if (pid == "coordinator_role") continue;
      int best = best_.count(pid) ? best_[pid] : 0;
      if (best == 2) continue;
      findings.push_back(json::object{
          {"id", "archive.not_strong." + pid},
          {"severity", best == 1 ? "weak" : "missing"},
          {"message", "Inget dokument i arkivet behandlar \"" + pack.perspective_name(pid) + "\" med en stark formulering."},
          {"recommendation", "Ge perspektivet en förpliktande formulering i minst ett styrdokument: vem ansvarar, vad ska "
                             "göras, när och hur det följs upp."}});
    }
    for (const auto& [pid, name] : pack.perspectives()) {
      if (!per_.count(pid)) continue;
      perspectives.push_back(
          json::object{{"id", pid}, {"name", name}, {"strong", per_[pid][0]}, {"weak", per_[pid][1]}, {"missing", per_[pid][2]}});
    }
    return json::object{{"totals", std::move(totals)},       {"types_found", std::move(found)},
                        {"types_missing", std::move(absent)}, {"findings", std::move(findings)},
                        {"perspectives", std::move(perspectives)}};
  }

 private:
  void see(const std::string& pid, const std::string& cov) { see_level(pid, cov == "strong" ? 2 : cov == "weak" ? 1 : 0); }
  void see_level(const std::string& pid, int c) {
    auto [it, fresh] = best_.emplace(pid, c);
    if (!fresh) it->second = std::max(it->second, c);
  }

  std::size_t documents_ = 0, analyzed_ = 0, oos_ = 0, ocr_ = 0, errors_ = 0;
  std::size_t gaps_ = 0, open_ = 0, weak_ = 0, missing_ = 0, strong_ = 0, open_missing_ = 0, open_weak_ = 0;
  std::map<std::string, int> type_count_;
  std::map<std::string, std::array<int, 3>> per_;  // perspective -> strong, weak, missing
  std::map<std::string, int> best_;                // perspective -> best coverage over documents (0..2)
};

// Fingerprints and assessments of one document entry.
void complete_entry(json::object& d, const std::string& identity, const std::vector<AssessmentEntry>& assessments) {
  if (!d.contains("perspectives")) return;
  for (auto& pv : d["perspectives"].as_array()) {
    json::object& p = pv.as_object();
    std::string rule = p.at("rule_ids").as_array().empty() ? field(p, "id") : s(p.at("rule_ids").as_array().front());
    std::string fp = fingerprint(rule, identity, "");
    p["fingerprint"] = fp;
    for (const auto& a : assessments) {
      bool match = a.fingerprint.empty() ? (a.perspective == field(p, "id") && (path_ends_with(field(d, "path"), a.document) ||
                                                                               path_ends_with(identity, a.document)))
                                         : a.fingerprint == fp;
      if (!match) continue;
      json::object as{{"status", a.status}};
      if (!a.comment.empty()) as["comment"] = a.comment;
      if (!a.date.empty()) as["date"] = a.date;
      if (!a.by.empty()) as["by"] = a.by;
      p["assessment"] = std::move(as);
    }
  }
}

struct Finding {
  std::string path, perspective, coverage;
  bool assessed = false;
};
using Findings = std::map<std::string, Finding>;  // by fingerprint

void collect_findings(const json::object& d, Findings& out) {
  for (const auto& pv : d.at("perspectives").as_array()) {
    const json::object& p = pv.as_object();
    out[field(p, "fingerprint")] = {field(d, "path"), field(p, "id"), field(p, "coverage"), p.contains("assessment")};
  }
}

json::object diff_findings(const Findings& olds, const Findings& news, const std::string& baseline_scan);

}  // namespace

json::object archive_section(const json::array& documents, const RulePack& pack, std::size_t files, std::size_t duplicates) {
  ArchiveTally tally;
  for (const auto& d : documents) tally.add(d.as_object());
  return tally.finish(pack, files, duplicates);
}

namespace {

// One contiguous part of the sorted documents, assembled on its own thread.
struct Part {
  std::string text;  // the entries, comma-separated (the first part: after the report's head)
  std::size_t entries = 0;
  ArchiveTally tally;
  Findings findings;
  std::vector<report::DocumentEntry> model;
  bool model_ok = true;
};

void assemble_part(StreamInput& in, const std::vector<std::size_t>& order, std::size_t begin, std::size_t end,
                   bool with_model, Part& part) {
  for (std::size_t k = begin; k < end; ++k) {
    std::size_t i = order[k];
    json::monotonic_resource arena;
    boost::system::error_code ec;
    json::value v = json::parse(in.entries[i], ec, &arena);
    std::string().swap(in.entries[i]);
    if (ec || !v.is_object()) continue;
    json::object& d = v.as_object();
    d["path"] = in.paths[i];
    if (!in.duplicates[i].empty()) {
      json::array dups;
      for (const auto& p : in.duplicates[i]) dups.emplace_back(p);
      d["duplicates"] = std::move(dups);
    }
    complete_entry(d, in.identities[i], in.assessments);
    part.tally.add(d);
    if (in.baseline) collect_findings(d, part.findings);
    if (part.entries++ > 0) part.text += ',';
    part.text += json::serialize(d);
    if (with_model && part.model_ok) {
      auto entry = report::read_document_entry(v, "documents[" + std::to_string(k) + "]");
      if (entry.ok()) part.model.push_back(std::move(entry).value());
      else part.model_ok = false;  // the renderers will parse the JSON and report the field
    }
  }
}

}  // namespace

StreamOutput build_report_stream(StreamInput& in) {
  std::vector<std::size_t> order(in.entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return in.paths[a] < in.paths[b]; });
  json::object scan{{"started", in.started},   {"finished", in.finished}, {"duration_s", in.duration_s},
                    {"roots", json::array()}, {"workers", in.workers}};
  for (const auto& r : in.roots) scan["roots"].as_array().emplace_back(r);
  if (!in.shard.empty()) scan["shard"] = in.shard;
  json::object head;
  head["schema"] = "styrkoll.report/1";
  head["tool"] = json::object{{"name", "styrkoll"}, {"version", std::string(library_version())}};
  head["rule_pack"] = json::object{{"id", in.pack->id()}, {"version", in.pack->version()}, {"hash", in.pack->hash()}};
  head["scan"] = std::move(scan);
  StreamOutput out;
  std::string& text = out.report_json;

  // Entries are independent: large archives are assembled in two halves,
  // the first on a helper thread (a warm re-scan spends most of its time here
  // and in rendering). The halves are contiguous in path order, so the text
  // is the same as from one thread.
  std::vector<Part> parts(order.size() >= in.split_from ? 2 : 1);
  std::size_t cut = parts.size() == 2 ? order.size() / 2 : 0;
  // The first part's text becomes the report: it starts with the head and
  // has room for every entry (completed entries are a little longer than
  // the entries), so the report is not a copy of the parts (~15 MB for
  // 2,000 documents, at the scan's peak of memory).
  {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < in.entries.size(); ++i) bytes += in.entries[i].size() + 320 + 64 * in.duplicates[i].size();
    std::string& first = parts.front().text;
    first.reserve(bytes + bytes / 8 + 65536);
    first = json::serialize(head);
    first.pop_back();  // '}'
    first += ",\"documents\":[";
  }
  {
    std::thread first;
    if (parts.size() == 2) first = std::thread([&] { assemble_part(in, order, 0, cut, in.build_model, parts[0]); });
    assemble_part(in, order, cut, order.size(), in.build_model, parts.back());
    if (first.joinable()) first.join();
  }
  ArchiveTally tally;
  Findings findings;
  text = std::move(parts.front().text);
  bool first_text = parts.front().entries == 0;
  for (Part& part : parts) {
    tally.merge(part.tally);
    for (auto& [fp, f] : part.findings) findings[fp] = std::move(f);  // a later document wins, as in one pass
    if (&part == &parts.front() || part.text.empty()) continue;
    if (!first_text) text += ',';
    first_text = false;
    text += part.text;
    std::string().swap(part.text);
  }
  json::value archive = tally.finish(*in.pack, in.files, in.duplicate_files);
  text += "],\"archive\":";
  text += json::serialize(archive);
  std::optional<json::value> diff;
  if (in.baseline) {
    Findings olds;
    for (const auto& dv : in.baseline->at("documents").as_array()) collect_findings(dv.as_object(), olds);
    std::string when = in.baseline->contains("scan") ? field(in.baseline->at("scan").as_object(), "finished") : "";
    diff = diff_findings(olds, findings, when);
    text += ",\"baseline\":";
    text += json::serialize(*diff);
  }
  text += '}';
  out.open_missing = tally.open_missing();
  out.open_weak = tally.open_weak();

  bool model_ok = in.build_model;
  for (const Part& part : parts) model_ok = model_ok && part.model_ok;
  if (model_ok) {
    auto m = std::make_shared<report::Report>();
    m->tool_name = "styrkoll";
    m->tool_version = library_version();
    m->pack_id = in.pack->id();
    m->pack_version = in.pack->version();
    m->pack_hash = in.pack->hash();
    m->scan_started = in.started;
    m->scan_finished = in.finished;
    m->scan_duration_s = in.duration_s;
    m->scan_roots = in.roots;
    for (Part& part : parts) {
      for (auto& d : part.model) m->documents.push_back(std::move(d));
    }
    auto a = report::read_archive_section(archive);
    if (a.ok()) m->archive = std::move(a).value();
    else model_ok = false;
    if (diff) {
      auto b = report::read_baseline_section(*diff);
      if (b.ok()) m->baseline = std::move(b).value();
      else model_ok = false;
    }
    if (model_ok) out.model = std::move(m);
  }
  return out;
}

namespace {

json::object diff_findings(const Findings& olds, const Findings& news, const std::string& baseline_scan) {
  std::map<std::string, int> counts = {{"fixed", 0}, {"improved", 0}, {"new", 0}, {"regressed", 0},
                                       {"unchanged", 0}, {"assessed", 0}, {"removed", 0}};
  json::array items;
  auto rank = [](const std::string& c) { return c == "strong" ? 2 : c == "weak" ? 1 : 0; };
  for (const auto& [fp, n] : news) {
    auto it = olds.find(fp);
    std::string change;
    json::value old_cov = nullptr;
    if (it == olds.end()) {
      if (n.coverage == "strong") continue;  // a new strong finding is not a change worth listing
      change = n.assessed ? "assessed" : "new";
    } else {
      old_cov = it->second.coverage;
      int o = rank(it->second.coverage), c = rank(n.coverage);
      if (n.assessed && c < 2) change = "assessed";
      else if (c == 2 && o < 2) change = "fixed";
      else if (c > o) change = "improved";
      else if (c < o) change = "regressed";
      else if (c < 2) change = "unchanged";
      else continue;  // strong before and after
    }
    ++counts[change];
    items.push_back(json::object{{"fingerprint", fp}, {"path", n.path}, {"perspective", n.perspective},
                                 {"change", change}, {"old", old_cov}, {"new", n.coverage}});
  }
  for (const auto& [fp, o] : olds) {
    if (news.count(fp)) continue;
    ++counts["removed"];
    items.push_back(json::object{{"fingerprint", fp}, {"path", o.path}, {"perspective", o.perspective},
                                 {"change", "removed"}, {"old", o.coverage}, {"new", nullptr}});
  }
  json::object out;
  if (!baseline_scan.empty()) out["baseline_scan"] = baseline_scan;
  for (const auto& [k, v] : counts) out[k] = v;
  out["items"] = std::move(items);
  return out;
}

}  // namespace

json::object diff(const json::object& old_report, const json::object& new_report) {
  Findings olds, news;
  for (const auto& dv : old_report.at("documents").as_array()) collect_findings(dv.as_object(), olds);
  for (const auto& dv : new_report.at("documents").as_array()) collect_findings(dv.as_object(), news);
  return diff_findings(olds, news, old_report.contains("scan") ? field(old_report.at("scan").as_object(), "finished") : "");
}

}  // namespace styrkoll::scan
