// Datasets: synthetic sets, seeded splits, IDX round trips and malformed files, CSV parsing.
#include <QtTest>

#include "tests/test_support.h"

#include <QTemporaryDir>

#include <fstream>

#include "core/data/dataset.h"

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
    // issue 19 / issue 12 item 5
    void csvReads_data();
    void csvReads();
    void csvRegressionTargets();
    void csvStreamsLargeFileLineNumbers();
    void mnistSplitsValidated();
};

void TestDatasets::syntheticSets_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("classes");
    for (const auto& k : syntheticKinds())
        QTest::newRow(k.c_str()) << QString::fromStdString(k) << 2;
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
    for (int c = 0; c < a.classes; ++c)
        QVERIFY((a.labels.array() == c).count() > 300 / a.classes / 2);
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
    QTest::newRow("wrong magic") << QByteArray::fromStdString(
                                        bytesOf({8, 3, 8, 1, 0, 0, 0, 3, 7, 8, 9}))
                                 << "wrong magic number";
    QTest::newRow("float type") << QByteArray::fromStdString(
                                       bytesOf({0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0}))
                                << "unsupported IDX data type";
    QTest::newRow("zero dims") << QByteArray::fromStdString(bytesOf({0, 0, 8, 0}))
                               << "declares 0 dimensions";
    QTest::newRow("truncated header")
        << QByteArray::fromStdString(bytesOf({0, 0, 8, 2, 0, 0, 0})) << "truncated IDX header";
    QTest::newRow("truncated data")
        << QByteArray::fromStdString(good.substr(0, good.size() - 1)) << "truncated";
    QTest::newRow("trailing bytes") << QByteArray::fromStdString(good + "x") << "trailing bytes";
    QTest::newRow("sizes disagree")
        << QByteArray::fromStdString(bytesOf({0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3}))
        << "sizes say 4 bytes";
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
    QTest::newRow("empty") << ""
                           << ""
                           << "empty";
    QTest::newRow("blank lines only") << "\n \n"
                                      << ""
                                      << "empty";
    QTest::newRow("one column") << "1\n2\n"
                                << ""
                                << "at least two columns";
    QTest::newRow("ragged") << "a,b,c\n1,2,0\n1,2\n"
                            << ""
                            << "line 3: expected 3 columns, got 2";
    QTest::newRow("non-numeric") << "a,b,c\n1,x,0\n"
                                 << ""
                                 << "line 2, column 2: \"x\" is not a finite number";
    QTest::newRow("nan") << "a,b,c\n1,nan,0\n2,3,1\n"
                         << ""
                         << "is not a finite number";
    QTest::newRow("missing label column") << "a,b,c\n1,2,0\n"
                                          << "label"
                                          << "no column named \"label\"";
    QTest::newRow("label index out of range") << "1,2,0\n3,4,1\n"
                                              << "5"
                                              << "out of range";
    QTest::newRow("header only") << "a,b,c\n"
                                 << ""
                                 << "no data rows";
    QTest::newRow("single class") << "1,2,0\n3,4,0\n"
                                  << ""
                                  << "single class";
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

void TestDatasets::csvReads_data() {
    // What the reader decided, checked against values written into the text by hand.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("header");  // option: 1 yes, 0 no, -1 auto
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("classes");
    QTest::addColumn<QString>("labels");  // the class index of each row
    QTest::addColumn<double>("x00");      // feature 0 of row 0
    QTest::addColumn<QString>("note");
    QTest::newRow("1, 1.0, 1e0 one class")
        << QByteArray("0,0,1\n1,1,1.0\n2,2,1e0\n3,3,0\n4,4,0.0\n") << -1 << 5 << 2 << "1 1 1 0 0"
        << 0.0 << "no header row";
    QTest::newRow("numbers sort numerically")
        << QByteArray("0,0,10\n1,1,9\n2,2,-1\n") << -1 << 3 << 3 << "2 1 0" << 0.0 << "";
    QTest::newRow("-0 and 0 one class")
        << QByteArray("0,0,-0\n1,1,0\n2,2,2\n") << -1 << 3 << 2 << "0 0 1" << 0.0 << "";
    QTest::newRow("words stay words")
        << QByteArray("0,0,b\n1,1,a\n2,2,b\n") << -1 << 3 << 2 << "1 0 1" << 0.0 << "";
    QTest::newRow("numbers before words")
        << QByteArray("0,0,cat\n1,1,2\n2,2,2.0\n") << -1 << 3 << 2 << "1 0 0" << 0.0 << "";
    QTest::newRow("auto header") << QByteArray("a,b,y\n5,6,0\n7,8,1\n") << -1 << 2 << 2 << "0 1"
                                 << 5.0 << "taken as a header";
    QTest::newRow("auto: text label row is data")
        << QByteArray("5,6,yes\n7,8,no\n") << -1 << 2 << 2 << "1 0" << 5.0 << "no header row";
    QTest::newRow("header=yes") << QByteArray("1,2,0\n5,6,0\n7,8,1\n") << 1 << 2 << 2 << "0 1"
                                << 5.0 << "as asked";
    QTest::newRow("CR line ends") << QByteArray("a,b,y\r5,6,0\r7,8,1") << -1 << 2 << 2 << "0 1"
                                  << 5.0 << "";
    QTest::newRow("CRLF line ends")
        << QByteArray("a,b,y\r\n5,6,0\r\n7,8,1\r\n") << -1 << 2 << 2 << "0 1" << 5.0 << "";
    QTest::newRow("UTF-8 BOM") << QByteArray(
                                      "\xEF\xBB\xBF"
                                      "a,b,y\n5,6,0\n7,8,1\n")
                               << -1 << 2 << 2 << "0 1" << 5.0 << "header";
    QTest::newRow("denormal 1e-310")
        << QByteArray("1e-310,6,0\n7,8,1\n") << -1 << 2 << 2 << "0 1" << 1e-310 << "";
    QTest::newRow("100 classes allowed") << [] {
        QByteArray t;
        for (int i = 0; i < 100; ++i)
            t += QByteArray::number(i) + ",1," + QByteArray::number(99 - i) + "\n";
        return t;
    }() << -1 << 100 << 100 << "" << 0.0 << "100 classes";
}

void TestDatasets::csvReads() {
    QFETCH(QByteArray, text);
    QFETCH(int, header);
    QFETCH(int, rows);
    QFETCH(int, classes);
    QFETCH(QString, labels);
    QFETCH(double, x00);
    QFETCH(QString, note);
    CsvOptions o;
    o.header = header;
    Dataset d;
    std::string error;
    QVERIFY2(parseCsv(text.toStdString(), o, &d, &error), error.c_str());
    QCOMPARE(int(d.size()), rows);
    QCOMPARE(QString::fromStdString(d.name), QString("csv"));
    QCOMPARE(d.classes, classes);
    QCOMPARE(d.X(0, 0), x00);
    if (!labels.isEmpty()) {
        const QStringList want = labels.split(' ');
        for (int i = 0; i < rows; ++i) QCOMPARE(d.labels(i), want[i].toInt());
    }
    QVERIFY2(QString::fromStdString(d.note).contains(note), d.note.c_str());
}

void TestDatasets::csvRegressionTargets() {
    // Real-valued targets are kept as numbers (not classes), 0.5 and 0.25 stay distinct.
    CsvOptions o;
    o.regression = true;
    Dataset d;
    std::string error;
    QVERIFY2(parseCsv("x,y\n1,0.5\n2,0.25\n3,-1e3\n", o, &d, &error), error.c_str());
    QVERIFY(d.regression);
    QCOMPARE(d.targets.rows(), Index(1));
    QCOMPARE(d.targets(0, 0), 0.5);
    QCOMPARE(d.targets(0, 1), 0.25);
    QCOMPARE(d.targets(0, 2), -1000.0);
    // The same column as classification is refused, saying why.
    QVERIFY(!parseCsv("x,y\n1,0.5\n2,0.25\n3,-1e3\n", CsvOptions{}, &d, &error));
    QVERIFY2(QString::fromStdString(error).contains("not an integer"), error.c_str());
    QVERIFY(QString::fromStdString(error).contains("--task regression"));
    // A split keeps the targets with their samples.
    const DatasetSplit s = splitDataset(
        [] {
            Dataset r;
            r.regression = true;
            r.classes = 1;
            r.X = Matrix::Zero(1, 10);
            r.labels = IndexVector::Zero(10);
            r.targets.resize(1, 10);
            for (int i = 0; i < 10; ++i) r.X(0, i) = r.targets(0, i) = i;
            return r;
        }(),
        0.6, 0.2, 3);
    QVERIFY(validateSplit(s, &error));
    for (const Dataset* part : {&s.train, &s.validation, &s.test})
        for (Index i = 0; i < part->size(); ++i) QCOMPARE(part->targets(0, i), part->X(0, i));
}

void TestDatasets::csvStreamsLargeFileLineNumbers() {
    // A bad cell on the last of 200000 lines is found and named by line and column.
    QTemporaryDir dir;
    const QString path = dir.filePath("big.csv");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,y\r\n");
        for (int i = 0; i < 199998; ++i)
            f.write(QByteArray::number(i % 7) + ",0.5," + QByteArray::number(i % 2) + "\r\n");
        f.write("1,oops,0\r\n");
    }
    Dataset d;
    std::string error;
    QVERIFY(!readCsvFile(path.toStdString(), CsvOptions{}, &d, &error));
    QVERIFY2(QString::fromStdString(error).contains("line 200000, column 2: \"oops\""),
             error.c_str());
}

void TestDatasets::mnistSplitsValidated() {
    // The heap overflows: test images of another size, and test labels ≥ the training
    // classes, are refused by loadMnist itself (naming the folder, the split and the index).
    QTemporaryDir dir;
    std::string error;
    auto write = [&](const char* split, uint32_t side, std::vector<uint8_t> labels) {
        IdxArray im, lb;
        im.dims = {uint32_t(labels.size()), side, side};
        im.data.assign(labels.size() * side * side, 7);
        lb.dims = {uint32_t(labels.size())};
        lb.data = labels;
        QVERIFY(writeIdxFile(dir.filePath(QString(split) + "-images-idx3-ubyte").toStdString(), im,
                             &error));
        QVERIFY(writeIdxFile(dir.filePath(QString(split) + "-labels-idx1-ubyte").toStdString(), lb,
                             &error));
    };
    write("train", 28, {0, 1, 2});
    write("test", 14, {0, 1});
    DatasetSplit s;
    s.train.name = "kept";
    QVERIFY(!loadMnist(dir.path().toStdString(), &s, &error));
    QVERIFY2(QString::fromStdString(error).contains(
                 "the test split has 196 features per sample but the training split has 784"),
             error.c_str());
    QCOMPARE(QString::fromStdString(s.train.name), QString("kept"));
    write("test", 28, {0, 1});
    QVERIFY2(loadMnist(dir.path().toStdString(), &s, &error), error.c_str());
    QCOMPARE(s.train.classes, 10);
}

QTEST_APPLESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
