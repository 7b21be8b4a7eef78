// The extra handshakes of one port (issue 16): old protocol versions and
// weak ciphers, each offer on a connection of its own, beside the port's
// own dialogue. Internal to the probe library.
#pragma once

#include <mailports/probe/session.hpp>

#include <deque>
#include <optional>
#include <thread>
#include <vector>

namespace mailports::probe::detail {

// One handshake as far as TLS in `mode`, offering only `limits`, on a
// connection of its own (session.cpp: it runs the dialogue up to STARTTLS).
struct Handshake {
  std::optional<TlsSession> session; // the server agreed to something offered
  std::optional<ProbeError> error;
  bool turned_down = false; // the server refused it (an alert, or it hung up)
};
Handshake handshake_only(const Target& target, const PortPlan& plan, core::TlsMode mode,
                         const net::TlsLimits& limits, net::Clock::time_point deadline);

struct OfferGroup; // offers tried together first (extras.cpp)

// Every offer this OpenSSL can make, each decided, in the order of
// ExtraHandshake::Offer. Runs on threads of its own from construction.
class Extras {
public:
  Extras(const Target& target, const PortPlan& plan, core::TlsMode mode, net::Clock::time_point deadline);
  Extras(const Extras&) = delete;
  Extras& operator=(const Extras&) = delete;
  ~Extras();

  [[nodiscard]] core::TlsMode mode() const noexcept { return m_mode; }
  std::vector<ExtraHandshake> take();

private:
  void join();

  core::TlsMode m_mode;
  std::deque<ExtraHandshake> m_results; // a deque keeps its elements in place
  std::vector<OfferGroup> m_groups;     // the threads' work, kept until they are joined
  std::vector<std::thread> m_threads;
};

} // namespace mailports::probe::detail
