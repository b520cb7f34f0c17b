#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/file_io.h"
#include "core/sha256.h"
#include "ingest/ingesters.h"
#include "styrkoll/dictionary.h"
#include "styrkoll/ingest.h"

namespace styrkoll {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Names a binary format we recognise but do not read, for a useful message.
std::string describe_unsupported(std::string_view b) {
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return "an OLE compound file (legacy .doc/.xls or a password-protected Office file)";
  }
  if (starts_with(b, "\x89PNG")) return "a PNG image";
  if (starts_with(b, "\xFF\xD8\xFF")) return "a JPEG image";
  if (starts_with(b, "GIF8")) return "a GIF image";
  if (starts_with(b, "II*\0") || starts_with(b, "MM\0*")) return "a TIFF image";
  if (starts_with(b, "{\\rtf")) return "an RTF document";
  if (starts_with(b, "PK\x03\x04")) {
    if (b.find("xl/workbook") != std::string_view::npos) return "an Excel workbook (.xlsx)";
    if (b.find("ppt/presentation") != std::string_view::npos) return "a PowerPoint presentation (.pptx)";
    if (b.find("opendocument.spreadsheet") != std::string_view::npos) return "an OpenDocument spreadsheet";
    return "a ZIP archive that is neither DOCX nor ODT";
  }
  return "not a PDF, DOCX, ODT, HTML, Markdown or text document";
}

std::string extension(const std::string& name) {
  auto slash = name.find_last_of('/');
  auto dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string e = name.substr(dot + 1);
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// Encrypted OOXML is an OLE compound file holding an "EncryptedPackage" stream
// (directory names are UTF-16LE).
bool is_encrypted_ooxml(std::string_view b) {
  static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  return starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") &&
         b.find(std::string_view(name, sizeof name - 1)) != std::string_view::npos;
}

}  // namespace

namespace ingest {

WordCheck word_check(const Input& in, std::string* warning) {
  if (in.options->dictionary) {
    std::shared_ptr<const Dictionary> dict = in.options->dictionary;
    return [dict](std::string_view w) { return dict->accepts(w); };
  }
  // The shared dictionary takes ~0.1 s to load; only documents that have a
  // line-end hyphen to resolve pay for it.
  if (!Dictionary::shared_loaded_or_loadable()) {
    if (!warning) return {};
    *warning = "no Swedish dictionary: line-end hyphens were kept";
    return {};
  }
  return [](std::string_view w) {
    auto dict = Dictionary::shared();
    return dict && dict->accepts(w);
  };
}

}  // namespace ingest

Result<Document> ingest_memory(std::string_view bytes, const std::string& name, Format format,
                               const IngestOptions& options) {
  const std::string shown = name.empty() ? std::string("<memory>") : name;
  if (bytes.empty()) return Status(ErrorCode::empty_file, shown + ": the file is empty (0 bytes)");
  if (bytes.size() > options.max_file_bytes) {
    return Status(ErrorCode::too_large, shown + ": " + std::to_string(bytes.size()) +
                                            " bytes is over the limit of " +
                                            std::to_string(options.max_file_bytes) + " bytes");
  }
  if (format == Format::unknown) format = detect_format(bytes, name);
  if (format == Format::unknown) {
    if (is_encrypted_ooxml(bytes)) {
      return Status(ErrorCode::encrypted, shown + ": password-protected Office document (encrypted package)");
    }
    // A file named like a format we read but whose content is not that
    // format is damaged (or mislabelled garbage): say so rather than "unsupported".
    std::string ext = extension(name);
    if (ext == "pdf" || ext == "docx" || ext == "odt") {
      return Status(ErrorCode::corrupt, shown + ": named ." + ext + " but its content is not a readable " +
                                            ext + " file (" + describe_unsupported(bytes) + ")");
    }
    return Status(ErrorCode::unsupported_format, shown + ": unsupported format: " + describe_unsupported(bytes));
  }

  ingest::Input in{bytes, shown, &options, {}};
  in.meta.path = name;
  in.meta.format = format;
  in.meta.size_bytes = bytes.size();
  in.meta.sha256 = core::sha256_hex(bytes);

  try {
    switch (format) {
      case Format::pdf: return ingest::ingest_pdf(in);
      case Format::docx: return ingest::ingest_docx(in);
      case Format::odt: return ingest::ingest_odt(in);
      case Format::html: return ingest::ingest_html(in);
      case Format::markdown: return ingest::ingest_markdown(in);
      case Format::txt: return ingest::ingest_txt(in);
      case Format::unknown: break;
    }
  } catch (const std::bad_alloc&) {
    return Status(ErrorCode::too_large, shown + ": out of memory while reading the document");
  } catch (const std::exception& e) {
    return Status(ErrorCode::internal, shown + ": unexpected error: " + e.what());
  }
  return Status(ErrorCode::internal, shown + ": no ingester for format");
}

Result<Document> ingest_file(const std::string& path, const IngestOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Status(ErrorCode::io_error, path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status(ErrorCode::invalid_argument, path + ": is a directory");
  if (!S_ISREG(st.st_mode)) return Status(ErrorCode::unsupported_format, path + ": not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > options.max_file_bytes) {
    return Status(ErrorCode::too_large, path + ": " + std::to_string(st.st_size) +
                                            " bytes is over the limit of " +
                                            std::to_string(options.max_file_bytes) + " bytes");
  }
  auto bytes = core::read_whole_file(path, options.max_file_bytes);
  if (!bytes.ok()) return bytes.status();
  return ingest_memory(bytes.value(), path, Format::unknown, options);
}

}  // namespace styrkoll
