// The decision boundary you can watch: the grid's class probabilities against a forward pass and
// softmax written here; the smooth image's p = 0.5 contour against a field whose contour is a
// known line; confidence shading (white where undecided); the toggles for shading, contour,
// training and test points.
#include <QCheckBox>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

#include "core/data/data_spec.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/training_config.h"
#include "ui/training/training_worker.h"
#include "ui/workers/gui_thread_guard.h"

using namespace equilab;

namespace {

// T Picard steps from 0, then softmax(Wout w + bout): the model's class probabilities at x.
Vector probabilities(const ModelParams<double>& p, int T, const Vector& x) {
    Vector w = Vector::Zero(p.A.rows());
    for (int t = 0; t < T; ++t) w = (p.A * w + p.B * x + p.c).array().tanh().matrix();
    const Vector z = p.Wout * w + p.bout;
    Vector e(z.size());
    for (Index c = 0; c < z.size(); ++c) e(c) = std::exp(z(c));
    return e / e.sum();
}

// p₁(x, y) = σ(8 (x − x0)): the 0.5 contour is the line x = x0; two classes.
BoundaryGrid sigmoidGrid(double x0, int r) {
    BoundaryGrid g;
    g.xlo = g.ylo = -1;
    g.xhi = g.yhi = 1;
    g.resolution = r;
    g.classCount = 2;
    g.classes.resize(static_cast<size_t>(r * r));
    g.probabilities.resize(static_cast<size_t>(2 * r * r));
    for (int j = 0; j < r; ++j)
        for (int i = 0; i < r; ++i) {
            const double x = g.xlo + (g.xhi - g.xlo) * i / (r - 1);
            const double p1 = 1 / (1 + std::exp(-8 * (x - x0)));
            g.probabilities[static_cast<size_t>(j * r + i)] = 1 - p1;
            g.probabilities[static_cast<size_t>(r * r + j * r + i)] = p1;
            g.classes[static_cast<size_t>(j * r + i)] = p1 > 0.5;
        }
    return g;
}

int brightness(QRgb c) {
    return qRed(c) + qGreen(c) + qBlue(c);
}

}  // namespace

class TestDecisionShading : public QObject {
    Q_OBJECT
  private slots:
    void gridProbabilitiesMatchForwardPass();
    void noGridWithoutTwoFeatures();
    void contourLiesOnTheHalfLine();
    void togglesShowAndHide();
};

// A model of 784-pixel images has no plane of inputs to shade: no grid, and predictGrid does not
// feed 2-D points to it (it used to, every snapshot: a GEMM reading past the grid's points and a
// forward pass of 6400 columns, which made the window train at 0.6 of the CLI's speed).
void TestDecisionShading::noGridWithoutTwoFeatures() {
    Dataset images;
    images.classes = 10;
    images.X = randomGaussian(784, 30, 1.0, 3);
    images.labels.resize(30);
    for (Index i = 0; i < 30; ++i) images.labels(i) = static_cast<int>(i % 10);
    const BoundaryGrid none = boundaryGridFor(images, 80);
    QCOMPARE(none.resolution, 0);

    DatasetSplit data;
    data.train = images;
    TrainerOptions o;
    o.hidden = 8;
    o.steps = 1;
    Trainer<float> trainer;
    std::string why;
    QVERIFY2(trainer.init(o, data, &why), why.c_str());
    BoundaryGrid forced;
    forced.resolution = 12;
    predictGrid(trainer, &forced);
    QVERIFY(forced.classes.empty());
    QCOMPARE(forced.classCount, 0);
}

void TestDecisionShading::gridProbabilitiesMatchForwardPass() {
    TrainingConfig c;
    c.data.dataset = "spirals";
    c.data.classes = 3;  // softmax over more than two classes
    DatasetSplit data;
    std::string why;
    {
        const AllowGuiThreadWork fixture;  // the test's own data, loaded on its thread
        QVERIFY2(loadTrainingData(c.data, &data, &why), why.c_str());
    }
    c.trainer.steps = 20;
    Trainer<double> trainer;
    QVERIFY(trainer.init(c.trainer, data, &why));
    trainer.run();
    BoundaryGrid g = boundaryGridFor(data.train, 12);
    predictGrid(trainer, &g);
    const int K = data.train.classes;
    QCOMPARE(g.classCount, K);
    Matrix X(2, 12 * 12);
    for (int j = 0; j < 12; ++j)
        for (int i = 0; i < 12; ++i) {
            const Vector x =
                (Vector(2) << g.xlo + (g.xhi - g.xlo) * i / 11, g.ylo + (g.yhi - g.ylo) * j / 11)
                    .finished();
            X.col(j * 12 + i) = x;
            const Vector p = probabilities(trainer.params(), c.trainer.hypergrad.T, x);
            double sum = 0;
            for (int k = 0; k < K; ++k) {
                QVERIFY(std::abs(g.probability(k, i, j) - p(k)) < 1e-12);
                sum += g.probability(k, i, j);
            }
            QVERIFY(std::abs(sum - 1) < 1e-12);
            Index arg;
            p.maxCoeff(&arg);
            QCOMPARE(g.classes[static_cast<size_t>(j * 12 + i)], int(arg));
        }
    // The classes are what the trainer itself predicts.
    const IndexVector pred = trainer.predict(X);
    for (Index k = 0; k < pred.size(); ++k) QCOMPARE(g.classes[static_cast<size_t>(k)], pred(k));
}

void TestDecisionShading::contourLiesOnTheHalfLine() {
    const double x0 = 0.27;  // between grid points, so the crossing is interpolated
    DecisionBoundaryView v;
    TrainingSnapshot s;
    s.step = 3;
    s.boundary = sigmoidGrid(x0, 21);
    v.setSnapshot(s);
    const QImage& img = v.shadingImage();
    const int size = (21 - 1) * DecisionBoundaryView::kUpsample + 1;
    QCOMPARE(img.width(), size);
    const double step = 2.0 / (size - 1);  // x per pixel
    int contour = 0;
    for (int row = 0; row < size; ++row) {
        int inRow = 0;
        for (int px = 0; px < size; ++px)
            if (img.pixel(px, row) == v.contourColor()) {
                const double x = -1 + px * step;
                QVERIFY2(
                    std::abs(x - x0) <= 1.5 * step,
                    qPrintable(QString("contour pixel at x = %1, expected %2").arg(x).arg(x0)));
                ++inRow;
            }
        QVERIFY(inRow >= 1);  // a vertical line crosses every row
        contour += inRow;
    }
    QVERIFY(contour >= size);
    // Confidence: white-ish next to the contour, strongly coloured far from it.
    const int nearPx = static_cast<int>(std::lround((x0 + 1) / step)) - 3;
    QVERIFY(brightness(img.pixel(nearPx, size / 2)) > brightness(img.pixel(0, size / 2)) + 150);
    QVERIFY(brightness(img.pixel(nearPx + 6, size / 2)) >
            brightness(img.pixel(size - 1, size / 2)) + 150);
}

void TestDecisionShading::togglesShowAndHide() {
    TrainingConfig c;
    c.data.dataset = "moons";
    DatasetSplit data;
    std::string why;
    {
        const AllowGuiThreadWork fixture;  // the test's own data, loaded on its thread
        QVERIFY2(loadTrainingData(c.data, &data, &why), why.c_str());
    }
    DecisionBoundaryView v;
    v.setData(data.train);
    v.setTestData(data.test);
    QCOMPARE(v.trainGraphs().size(), 2);
    QCOMPARE(v.testGraphs().size(), 2);
    QVERIFY(v.trainGraphs()[0]->visible());
    QVERIFY(!v.testGraphs()[0]->visible());  // off by default
    v.testPointsBox()->setChecked(true);
    QVERIFY(v.testGraphs()[1]->visible());
    QCOMPARE(v.testGraphs()[0]->dataCount() + v.testGraphs()[1]->dataCount(),
             int(data.test.size()));
    v.trainPointsBox()->setChecked(false);
    QVERIFY(!v.trainGraphs()[0]->visible() && !v.trainGraphs()[1]->visible());

    TrainingSnapshot s;
    s.boundary = sigmoidGrid(0.1, 21);
    v.setSnapshot(s);
    auto contourPixels = [&v] {
        int n = 0;
        const QImage& img = v.shadingImage();
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) n += img.pixel(x, y) == v.contourColor();
        return n;
    };
    QVERIFY(contourPixels() > 0);
    QVERIFY(!v.colorMap()->visible());  // the shading replaces the plain regions
    v.contourBox()->setChecked(false);
    QCOMPARE(contourPixels(), 0);
    v.shadingBox()->setChecked(false);
    QVERIFY(v.shadingImage().isNull());
    QVERIFY(v.colorMap()->visible());
    v.contourBox()->setChecked(true);  // contour over the plain regions: transparent elsewhere
    QVERIFY(contourPixels() > 0);
    QCOMPARE(qAlpha(v.shadingImage().pixel(0, 0)), 0);
}

QTEST_MAIN(TestDecisionShading)
#include "tst_decision_shading.moc"
