// The moc of WorkerWake (worker_host.h is a template otherwise).
#include "ui/workers/worker_host.h"
