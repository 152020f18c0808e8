#include "ui/views/parameter_controls.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace equilab {

ParameterControls::ParameterControls(const QString& prefix, const QString& tooltip, QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);  // the plot takes the height
    parameter_ = new QComboBox(this);
    parameter_->setObjectName(prefix + QStringLiteral("Parameter"));
    parameter_->setToolTip(tooltip);
    parameter_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    parameter_->setMinimumContentsLength(8);
    from_ = new QDoubleSpinBox(this);
    to_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* b : {from_, to_}) {
        b->setRange(-1000, 1000);
        b->setDecimals(3);
        b->setSingleStep(0.1);
        b->setKeyboardTracking(false);
    }
    from_->setObjectName(prefix + QStringLiteral("From"));
    to_->setObjectName(prefix + QStringLiteral("To"));
    component_ = new QSpinBox(this);
    component_->setObjectName(prefix + QStringLiteral("Component"));
    component_->setPrefix(tr("w"));
    component_->setMinimum(1);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 4, 6, 0);
    row->addWidget(new QLabel(tr("Parameter"), this));
    row->addWidget(parameter_);
    row->addWidget(new QLabel(tr("from"), this));
    row->addWidget(from_);
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(to_);
    row->addWidget(new QLabel(tr("plot"), this));
    row->addWidget(component_);
    row->addStretch(1);

    connect(parameter_, &QComboBox::activated, this, [this] {
        // A new parameter gets a range that suits it.
        syncing_ = true;
        switch (parameter()) {
            case OrbitParameter::ScaleA:
                from_->setValue(scaleFrom_);
                to_->setValue(scaleTo_);
                break;
            case OrbitParameter::DriveScale:
                from_->setValue(0);
                to_->setValue(3);
                break;
            default:
                from_->setValue(-3);
                to_->setValue(3);
        }
        syncing_ = false;
        changed();
    });
    connect(from_, &QDoubleSpinBox::valueChanged, this, &ParameterControls::changed);
    connect(to_, &QDoubleSpinBox::valueChanged, this, &ParameterControls::changed);
    connect(component_, &QSpinBox::valueChanged, this, &ParameterControls::changed);
}

void ParameterControls::changed() {
    if (!syncing_) emit edited();
}

void ParameterControls::sync(const Model& m, OrbitParameter parameter, int index, double from,
                             double to, int component, double scaleFrom, double scaleTo) {
    syncing_ = true;
    scaleFrom_ = scaleFrom;
    scaleTo_ = scaleTo;
    parameter_->clear();
    auto add = [&](const QString& text, OrbitParameter p, int i) {
        parameter_->addItem(text, QVariantList{static_cast<int>(p), i});
        if (p == parameter && i == index) parameter_->setCurrentIndex(parameter_->count() - 1);
    };
    add(tr("scale s of A"), OrbitParameter::ScaleA, 0);
    add(tr("drive scale (B x + c)"), OrbitParameter::DriveScale, 0);
    for (int i = 0; i < m.hiddenDim() && i < 64; ++i)
        add(tr("c%1").arg(i + 1), OrbitParameter::EntryC, i);
    for (int i = 0; i < m.inputDim() && i < 64; ++i)
        add(tr("x%1").arg(i + 1), OrbitParameter::EntryX, i);
    from_->setValue(from);
    to_->setValue(to);
    component_->setMaximum(static_cast<int>(m.hiddenDim()));
    component_->setValue(component + 1);
    syncing_ = false;
}

OrbitParameter ParameterControls::parameter() const {
    return static_cast<OrbitParameter>(parameter_->currentData().toList().value(0).toInt());
}

int ParameterControls::index() const {
    return parameter_->currentData().toList().value(1).toInt();
}

double ParameterControls::from() const {
    return from_->value();
}

double ParameterControls::to() const {
    return to_->value();
}

int ParameterControls::component() const {
    return component_->value() - 1;
}

void fitParameterToModel(const Model& m, OrbitParameter* parameter, int* index, int* component) {
    if (*component >= m.hiddenDim()) *component = 0;
    if ((*parameter == OrbitParameter::EntryC && *index >= m.hiddenDim()) ||
        (*parameter == OrbitParameter::EntryX && *index >= m.inputDim())) {
        *parameter = OrbitParameter::ScaleA;
        *index = 0;
    }
}

QString parameterAxisLabel(OrbitParameter parameter, int index) {
    switch (parameter) {
        case OrbitParameter::ScaleA:
            return QObject::tr("scale s (A ← s·A)");
        case OrbitParameter::DriveScale:
            return QObject::tr("drive scale p (B x + c ← p·(B x + c))");
        case OrbitParameter::EntryC:
            return QObject::tr("c%1").arg(index + 1);
        case OrbitParameter::EntryX:
            return QObject::tr("x%1").arg(index + 1);
    }
    return QString();
}

}  // namespace equilab
