// Datasets: synthetic sets, seeded splits, IDX round trips and malformed files, CSV parsing.
#include <QtTest>

#include "test_support.h"

#include <QTemporaryDir>

#include <fstream>

#include "dataset.h"

using namespace equilab;

class TestDatasets : public QObject {
    Q_OBJECT
private slots:
    void syntheticSets_data();
    void syntheticSets();
    void splitIsSeededPartition();
    void idxRoundTrip();
    void malformedIdx_data();
    void malformedIdx();
    void mnistFolder();
    void csvParses();
    void badCsv_data();
    void badCsv();
};

void TestDatasets::syntheticSets_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("classes");
    for (const auto& k : syntheticKinds()) QTest::newRow(k.c_str()) << QString::fromStdString(k) << 2;
    QTest::newRow("spirals 3 arms") << "spirals" << 3;
    QTest::newRow("blobs 5") << "blobs" << 5;
}

void TestDatasets::syntheticSets() {
    QFETCH(QString, kind);
    QFETCH(int, classes);
    SyntheticOptions o;
    o.kind = kind.toStdString();
    o.samples = 300;
    o.classes = classes;
    o.seed = 3;
    Dataset a, b;
    std::string error;
    QVERIFY2(makeSynthetic(o, &a, &error), error.c_str());
    QVERIFY(makeSynthetic(o, &b, &error));
    QVERIFY(a.X == b.X);  // deterministic in the seed
    QCOMPARE(a.X.rows(), Index(2));
    QCOMPARE(a.size(), Index(300));
    QCOMPARE(a.classes, kind == "spirals" || kind == "blobs" ? classes : 2);
    QVERIFY(a.X.allFinite());
    for (int c = 0; c < a.classes; ++c) QVERIFY((a.labels.array() == c).count() > 300 / a.classes / 2);
    o.seed = 4;
    QVERIFY(makeSynthetic(o, &b, &error));
    QVERIFY(a.X != b.X);
}

void TestDatasets::splitIsSeededPartition() {
    SyntheticOptions o;
    o.samples = 101;
    Dataset all;
    QVERIFY(makeSynthetic(o, &all, nullptr));
    const DatasetSplit s = splitDataset(all, 0.6, 0.2, 5);
    QCOMPARE(s.train.size() + s.validation.size() + s.test.size(), Index(101));
    QCOMPARE(s.train.size(), Index(61));
    QCOMPARE(s.validation.size(), Index(20));
    // Every point lands in exactly one part: the column sums agree.
    const double total = all.X.sum();
    QVERIFY(std::abs(s.train.X.sum() + s.validation.X.sum() + s.test.X.sum() - total) < 1e-9);
    QVERIFY(splitDataset(all, 0.6, 0.2, 5).train.X == s.train.X);
}

void TestDatasets::idxRoundTrip() {
    QTemporaryDir dir;
    IdxArray a;
    a.dims = {3, 2, 4};
    for (int i = 0; i < 24; ++i) a.data.push_back(static_cast<uint8_t>(i * 10));
    const std::string path = dir.filePath("x-idx3-ubyte").toStdString();
    std::string error;
    QVERIFY2(writeIdxFile(path, a, &error), error.c_str());
    IdxArray b;
    QVERIFY2(readIdxFile(path, &b, &error), error.c_str());
    QCOMPARE(b.dims, a.dims);
    QCOMPARE(b.data, a.data);
}

void TestDatasets::malformedIdx_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    const std::string good = bytesOf({0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9});
    QTest::newRow("empty") << QByteArray() << "too short";
    QTest::newRow("wrong magic") << QByteArray::fromStdString(bytesOf({8, 3, 8, 1, 0, 0, 0, 3, 7, 8, 9})) << "wrong magic number";
    QTest::newRow("float type") << QByteArray::fromStdString(bytesOf({0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0})) << "unsupported IDX data type";
    QTest::newRow("zero dims") << QByteArray::fromStdString(bytesOf({0, 0, 8, 0})) << "declares 0 dimensions";
    QTest::newRow("truncated header") << QByteArray::fromStdString(bytesOf({0, 0, 8, 2, 0, 0, 0})) << "truncated IDX header";
    QTest::newRow("truncated data") << QByteArray::fromStdString(good.substr(0, good.size() - 1)) << "truncated";
    QTest::newRow("trailing bytes") << QByteArray::fromStdString(good + "x") << "trailing bytes";
    QTest::newRow("sizes disagree") << QByteArray::fromStdString(bytesOf({0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3})) << "sizes say 4 bytes";
}

void TestDatasets::malformedIdx() {
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    IdxArray out;
    out.dims = {42};
    std::string error;
    QVERIFY(!parseIdx(file.toStdString(), &out, &error));
    QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    QCOMPARE(out.dims, std::vector<uint32_t>{42});  // untouched
}

void TestDatasets::mnistFolder() {
    QTemporaryDir dir;
    std::string error;
    for (const char* split : {"train", "test"}) {
        IdxArray im, lb;
        im.dims = {4, 28, 28};
        im.data.assign(4 * 784, 0);
        im.data[5] = 255;
        lb.dims = {4};
        lb.data = {1, 2, 3, 9};
        const QString base = dir.filePath(split);
        QVERIFY(writeIdxFile((base + "-images-idx3-ubyte").toStdString(), im, &error));
        QVERIFY(writeIdxFile((base + "-labels-idx1-ubyte").toStdString(), lb, &error));
    }
    DatasetSplit s;
    QVERIFY2(loadMnist(dir.path().toStdString(), &s, &error), error.c_str());
    QCOMPARE(s.train.size(), Index(4));
    QCOMPARE(s.train.features(), Index(784));
    QCOMPARE(s.train.X(5, 0), 1.0);  // pixels scaled to [0, 1]
    QCOMPARE(s.train.labels(3), 9);
    QCOMPARE(s.train.classes, 10);
    QCOMPARE(s.validation.size(), Index(0));
    // Labels that disagree in count with the images are refused with both names.
    IdxArray lb;
    lb.dims = {3};
    lb.data = {1, 2, 3};
    QVERIFY(writeIdxFile(dir.filePath("test-labels-idx1-ubyte").toStdString(), lb, &error));
    QVERIFY(!loadMnist(dir.path().toStdString(), &s, &error));
    QVERIFY2(QString::fromStdString(error).contains("4 images but"), error.c_str());
    QVERIFY(!loadMnist("/nonexistent", &s, &error));
    QVERIFY(QString::fromStdString(error).contains("fetch-mnist"));
}

void TestDatasets::csvParses() {
    const std::string text = "x,y,species\n1.5,2,setosa\n-1,0.25,virginica\n\n3,4e-1,setosa\n";
    CsvOptions o;
    o.label_column = "species";
    Dataset d;
    std::string error;
    QVERIFY2(parseCsv(text, o, &d, &error), error.c_str());
    QCOMPARE(d.size(), Index(3));
    QCOMPARE(d.features(), Index(2));
    QCOMPARE(d.X(1, 2), 0.4);
    QCOMPARE(d.classes, 2);
    QCOMPARE(d.labels(0), 0);  // setosa < virginica
    QCOMPARE(d.labels(1), 1);
    // No header, label by index, numeric labels sorted numerically.
    QVERIFY(parseCsv("10,1,2\n2,3,4\n-5,5,6\n", CsvOptions{"0", -1}, &d, &error));
    QCOMPARE(d.labels(0), 2);
    QCOMPARE(d.labels(2), 0);
    QCOMPARE(d.X(0, 0), 1.0);
}

void TestDatasets::badCsv_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "" << "" << "empty";
    QTest::newRow("blank lines only") << "\n \n" << "" << "empty";
    QTest::newRow("one column") << "1\n2\n" << "" << "at least two columns";
    QTest::newRow("ragged") << "a,b,c\n1,2,0\n1,2\n" << "" << "line 3: expected 3 columns, got 2";
    QTest::newRow("non-numeric") << "a,b,c\n1,x,0\n" << "" << "line 2, column 2: \"x\" is not a finite number";
    QTest::newRow("nan") << "a,b,c\n1,nan,0\n2,3,1\n" << "" << "is not a finite number";
    QTest::newRow("missing label column") << "a,b,c\n1,2,0\n" << "label" << "no column named \"label\"";
    QTest::newRow("label index out of range") << "1,2,0\n3,4,1\n" << "5" << "out of range";
    QTest::newRow("header only") << "a,b,c\n" << "" << "no data rows";
    QTest::newRow("single class") << "1,2,0\n3,4,0\n" << "" << "single class";
}

void TestDatasets::badCsv() {
    QFETCH(QString, text);
    QFETCH(QString, label);
    QFETCH(QString, message);
    Dataset d;
    d.name = "untouched";
    std::string error;
    QVERIFY(!parseCsv(text.toStdString(), CsvOptions{label.toStdString(), -1}, &d, &error));
    QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    QCOMPARE(QString::fromStdString(d.name), QString("untouched"));
}

QTEST_APPLESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
