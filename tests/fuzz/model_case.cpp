#include "tests/fuzz/model_case.h"

#include <QByteArray>

#include <cmath>

#include "io/model_npz.h"

namespace equilab::fuzz {

ModelCaseResult runModelCase(const uint8_t* data, size_t size) {
    ModelCaseResult r;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    for (const char* layout : {"", "row"}) {
        ModelImport import;
        import.layout = QString::fromLatin1(layout);
        import.max_memory = 64u << 20;
        ModelFile m;
        QString error;
        if (!parseModelNpz(bytes, import, &m, &error)) {
            if (error.isEmpty()) r.fault = "refused without a message";
            if (error.contains('\n') || error.contains('\r') || error.contains(QChar(0x1b)))
                r.fault = "a refusal of more than one line: " + error.toStdString();
            if (*layout == '\0') r.refusal = error.toStdString();
            continue;
        }
        if (*layout == '\0') r.accepted = true;
        const ModelParams<double>& p = m.params;
        const Index n = p.A.rows();
        if (n < 1 || n > kMaxModelHidden || p.A.cols() != n || p.B.rows() != n || p.B.cols() < 1 ||
            p.B.cols() > kMaxModelInput || p.c.size() != n)
            r.fault = "accepted inconsistent shapes";
        if (p.Wout.size() > 0 && (p.Wout.cols() != n || p.bout.size() != p.Wout.rows()))
            r.fault = "accepted an inconsistent readout";
        for (const Matrix* x : {&p.A, &p.B, &p.Wout})
            if (!x->allFinite() || (x->size() && x->cwiseAbs().maxCoeff() > 1e6))
                r.fault = "accepted a non-finite or huge entry";
        // What is accepted is written and read back the same (float32 arrays stay float32).
        ModelFile back;
        if (!parseModelNpz(serializeModelNpz(m), {}, &back, &error))
            r.fault = "a written model is refused: " + error.toStdString();
        else if (back.params.A != p.A || back.params.B != p.B || back.params.c != p.c)
            r.fault = "the round trip changed the arrays";
    }
    return r;
}

}  // namespace equilab::fuzz
