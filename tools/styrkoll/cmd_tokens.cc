#include <iostream>
#include <iterator>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

namespace styrkoll::cli {

namespace po = boost::program_options;

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "|") + p;
  return s;
}

}  // namespace

int cmd_tokens(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll tokens FILE|- [--json]\n\nOptions");
  opts.add_options()("help,h", "show this help")("json", "one JSON object per token and line")(
      "input", po::value<std::string>(), "a document, or - for plain text on stdin");
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "tokens")) return *stop;
  if (!vm.count("input")) {
    std::cerr << "styrkoll tokens: a FILE (or - for stdin) is required\n" << opts;
    return 2;
  }
  auto lexicon = Lexicon::shared();
  if (!lexicon) {
    std::cerr << "styrkoll tokens: the Swedish dictionary is missing (install hunspell-sv-se)\n";
    return 2;
  }
  const std::string input = vm["input"].as<std::string>();
  std::string text;
  Document doc;
  AnalyzedText at;
  const Document* d = nullptr;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    at = analyze_text(text, *lexicon);
  } else {
    Result<Document> r = ingest_file(input);
    if (!r.ok()) {
      std::cerr << "styrkoll tokens: " << r.status().to_string() << "\n";
      return 1;
    }
    doc = std::move(r).value();
    d = &doc;
    at = analyze_document(doc, *lexicon);
  }
  const std::string& source = d ? d->text() : text;
  bool json = vm.count("json") > 0;
  for (std::size_t si = 0; si < at.sentences.size(); ++si) {
    const Sentence& s = at.sentences[si];
    if (!json) {
      std::cout << "S" << si;
      if (d) {
        const Block& b = d->blocks()[s.block];
        if (b.page > 0) std::cout << " p." << b.page;
        std::cout << " " << block_kind_name(b.kind);
      }
      std::cout << ": " << source.substr(s.begin, s.end - s.begin) << "\n";
    }
    for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
      const Token& t = at.tokens[k];
      if (json) {
        boost::json::object o;
        std::string_view surface = t.surface(source), folded = t.folded;
        o["surface"] = boost::json::string_view(surface.data(), surface.size());
        o["folded"] = boost::json::string_view(folded.data(), folded.size());
        o["lemma"] = t.lemma();
        boost::json::array parts;
        for (const auto& p : t.parts()) parts.emplace_back(p);
        o["parts"] = std::move(parts);
        o["sentence"] = si;
        std::cout << boost::json::serialize(o) << "\n";
      } else {
        std::cout << "  " << t.surface(source);
        if (t.folded != t.surface(source)) std::cout << "  folded=" << t.folded;
        if (t.lemma() != t.folded) std::cout << "  lemma=" << t.lemma();
        if (t.parts().size() > 1) std::cout << "  parts=" << join(t.parts());
        std::cout << "\n";
      }
    }
  }
  return 0;
}

}  // namespace styrkoll::cli
