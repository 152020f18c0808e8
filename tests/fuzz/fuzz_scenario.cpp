// libFuzzer target: the scenario file reader. Any input must either parse into a valid scenario
// (which then round-trips) or be rejected with a message — never crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "io/scenario_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace equilab;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    ScenarioFile f;
    QString error;
    if (!parseScenario(bytes, &f, &error)) {
        if (error.isEmpty()) std::abort();  // a rejection must say why
        return 0;
    }
    std::string why;
    if (!f.scenario.IsValid(&why)) std::abort();
    ScenarioFile g;
    if (!parseScenario(serializeScenario(f), &g, &error)) std::abort();
    if (!(g.scenario.model.A == f.scenario.model.A)) std::abort();
    return 0;
}
