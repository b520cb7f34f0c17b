// The national rule pack compiled once for the tests that judge our own texts
// with it (verdict_test, classify_test).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "styrkoll/analysis.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

namespace styrkoll::test_support {

inline std::shared_ptr<const Engine> national_engine() {
  static std::shared_ptr<const Engine> e = [] {
    auto pack = RulePack::load(std::string(STYRKOLL_SOURCE_DIR) + "/rules/valfardsbrott");
    EXPECT_TRUE(pack.ok()) << pack.status().message();
    auto eng = Engine::create(pack.value(), Lexicon::shared());
    EXPECT_TRUE(eng.ok()) << eng.status().message();
    return eng.value();
  }();
  return e;
}

}  // namespace styrkoll::test_support
