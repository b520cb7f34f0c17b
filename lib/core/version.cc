#include "styrkoll/version.h"

namespace styrkoll {

std::string_view library_version() { return STYRKOLL_VERSION; }

}  // namespace styrkoll
