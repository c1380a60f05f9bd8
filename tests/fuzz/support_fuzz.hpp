#pragma once
#include "formats/formats.hpp"
