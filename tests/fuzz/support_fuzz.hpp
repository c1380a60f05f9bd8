#pragma once
#include "formats.hpp"
