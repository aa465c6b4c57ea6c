// SPDX-License-Identifier: GPL-2.0-or-later
/* A parser that prints: the layer test must reject this directory. */
#include "log.h"
