// The test programs link the network module's code in (CMake: ats_link_network_code) and hand
// it to the loader here, so that they need no ats-hook-network.so beside them. The ats-hook
// binary the CLI tests run loads the real module.
#include "atshook/network/module.hpp"

namespace {
const bool k_linked = (atshook::network::provide(*atshook_network_module()), true);
} // namespace
