// A one-line label that never widens its window: it asks for no minimum width, draws its text
// elided with "…" when it is narrower than the text, and shows the whole text as a tooltip.
// Used for the status bar's permanent certificate (InfoLine shows the same text wrapped).
#pragma once

#include <QFrame>

namespace equilab {

class ElidedLabel : public QFrame {
    Q_OBJECT
  public:
    explicit ElidedLabel(QWidget* parent = nullptr);
    void setText(const QString& text);
    QString text() const { return text_; }
    // True when the whole text fits (nothing is elided) at the current width.
    bool fits() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void textChanged(const QString& text);

  protected:
    void paintEvent(QPaintEvent* e) override;

  private:
    QString text_;
};

}  // namespace equilab
