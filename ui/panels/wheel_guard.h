// The mouse wheel changes a spin box, a combo box or a slider only when it has the keyboard
// focus (clicked or tabbed into): scrolling a dock over its fields scrolls the dock and changes
// no value. One application-wide event filter, installed once by the main window, for every such
// widget there is and will be: they take focus by click or Tab (not by the wheel), and a wheel
// event over one without focus goes on to its parent (the dock's scroll area).
#pragma once

#include <QObject>

namespace equilab {

class WheelGuard : public QObject {
    Q_OBJECT
  public:
    // Installs the filter on the application (once; later calls do nothing).
    static void install();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    using QObject::QObject;
};

}  // namespace equilab
