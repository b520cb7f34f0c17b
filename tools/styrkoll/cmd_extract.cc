#include <iostream>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "styrkoll/ingest.h"

namespace styrkoll::cli {

namespace po = boost::program_options;

int cmd_extract(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll extract FILE [--json]\n\nOptions");
  opts.add_options()("help,h", "show this help")("json", "print the document model as JSON")(
      "file", po::value<std::string>(), "document to read");
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "extract")) return *stop;
  if (!vm.count("file")) {
    std::cerr << "styrkoll extract: a FILE is required\n" << opts;
    return 2;
  }
  const std::string path = vm["file"].as<std::string>();
  Result<Document> r = ingest_file(path);
  if (!r.ok()) {
    std::cerr << "styrkoll extract: " << r.status().to_string() << "\n";
    return 1;
  }
  const Document& doc = r.value();
  if (vm.count("json")) {
    std::cout << boost::json::serialize(document_to_json(doc)) << "\n";
    return 0;
  }
  const Metadata& m = doc.metadata();
  std::cout << "file:     " << m.path << "\n"
            << "format:   " << format_name(m.format) << "\n"
            << "title:    " << m.title << "\n"
            << "author:   " << m.author << "\n"
            << "created:  " << m.created << "\n"
            << "modified: " << m.modified << "\n"
            << "pages:    " << m.page_count << "\n"
            << "sha256:   " << m.sha256 << "\n"
            << "blocks:   " << doc.blocks().size() << "\n";
  for (const auto& r2 : doc.running_text()) std::cout << "running:  " << r2 << "\n";
  for (const auto& w : doc.warnings()) std::cout << "warning:  " << w << "\n";
  std::cout << "\n";
  for (std::size_t i = 0; i < doc.blocks().size(); ++i) {
    const Block& b = doc.blocks()[i];
    std::string where = b.page > 0 ? "p." + std::to_string(b.page) : "¶" + std::to_string(b.paragraph_index);
    std::string kind(block_kind_name(b.kind));
    if (b.kind == BlockKind::heading) kind += " " + std::to_string(b.level);
    if (b.kind == BlockKind::table_cell) {
      kind += " t" + std::to_string(b.table) + " r" + std::to_string(b.row) + " c" + std::to_string(b.column);
    }
    std::cout << "[" << where << "] " << kind;
    std::string section = doc.section_label(i);
    if (!section.empty()) std::cout << "  § " << section;
    std::cout << "\n    " << doc.block_text(b) << "\n";
  }
  return 0;
}

}  // namespace styrkoll::cli
