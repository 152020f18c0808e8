// Hidden and input dimensions, and a Run button that re-solves.
#pragma once

#include <QWidget>

class QSpinBox;
class QPushButton;

namespace equilab {

class Document;

class DimensionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DimensionsPanel(QWidget* parent = nullptr);
    void setDocument(Document* doc);
    QSpinBox* hiddenSpin() const { return hidden_; }
    QSpinBox* inputSpin() const { return input_; }
    QPushButton* runButton() const { return run_; }

signals:
    void runRequested();

private:
    void syncFromDocument();
    Document* doc_ = nullptr;
    QSpinBox* hidden_;
    QSpinBox* input_;
    QPushButton* run_;
};

}  // namespace equilab
