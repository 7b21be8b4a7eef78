#include "extras.hpp"

#include <algorithm>
#include <exception>
#include <string_view>
#include <system_error>
#include <utility>

namespace mailports::probe {

namespace detail {

// Offers tried first as one handshake that offers all of them. A server
// that turns that down refuses each; one that accepts shows, by the version
// or cipher it chose, which of them it takes. Only an offer left undecided
// gets a connection of its own. A server that refuses them all, as it
// should, costs two extra connections, not four: each is a login process
// forked, or an smtpd, on the server (tests/bench/probe_depth.py).
struct OfferGroup {
  std::vector<std::pair<ExtraHandshake::Offer, net::TlsLimits>> members;
  std::optional<net::TlsLimits> together; // nullopt: one member, on its own
  std::optional<ExtraHandshake::Offer> exact; // the member whose offer is `together` itself
  std::vector<ExtraHandshake*> slots;     // one a member
};

} // namespace detail

namespace {

// OpenSSL's protocol version numbers (the wire's), without its headers.
constexpr int k_ssl3 = 0x0300;
constexpr int k_tls1_0 = 0x0301;
constexpr int k_tls1_1 = 0x0302;
constexpr int k_tls1_2 = 0x0303;

using net::Clock;
using Offer = ExtraHandshake::Offer;
using Outcome = ExtraHandshake::Outcome;

std::optional<net::TlsLimits> limits_of(const Target& target, Offer offer)
{
  net::TlsLimits limits;
  switch (offer) {
  case Offer::tls1_1:
    limits.max_version = k_tls1_1;
    break;
  case Offer::tls1_0:
    limits.max_version = k_tls1_0;
    break;
  case Offer::ssl3:
    if (!net::ssl3_available()) {
      return std::nullopt;
    }
    limits.min_version = k_ssl3;
    limits.max_version = k_ssl3;
    break;
  case Offer::no_forward_secrecy: // TLS 1.3 has no such cipher
    limits.max_version = k_tls1_2;
    limits.ciphers = "kRSA:!eNULL:!PSK:@SECLEVEL=0";
    break;
  case Offer::weak_cipher:
    if (target.weak_ciphers.empty()) {
      return std::nullopt;
    }
    limits.max_version = k_tls1_2;
    limits.ciphers = target.weak_ciphers;
    break;
  }
  return limits;
}

// Accepted only when the server really agreed to what was offered (a
// server may answer a TLS 1.1 offer with 1.0; both are old).
bool agrees(Offer offer, const TlsSession& session)
{
  switch (offer) {
  case Offer::tls1_1:
  case Offer::tls1_0:
  case Offer::ssl3:
    return session.version_number != 0 && session.version_number < k_tls1_2;
  case Offer::no_forward_secrecy:
    return !session.forward_secret;
  case Offer::weak_cipher:
    return session.cipher_bits < k_weak_cipher_bits;
  }
  return false;
}

// What a handshake that offered more than `offer` shows of it: the server
// chose exactly what `offer` alone would have offered.
bool shows(Offer offer, const TlsSession& session)
{
  switch (offer) {
  case Offer::tls1_0:
    return session.version_number == k_tls1_0;
  case Offer::ssl3:
    return session.version_number == k_ssl3;
  default:
    return agrees(offer, session);
  }
}

ExtraHandshake decided(Offer offer, const detail::Handshake& handshake, bool inferred)
{
  ExtraHandshake out;
  out.offer = offer;
  out.inferred = inferred;
  out.error = handshake.error;
  if (handshake.session) {
    out.outcome = agrees(offer, *handshake.session) ? Outcome::accepted : Outcome::refused;
    out.session = handshake.session;
  } else {
    out.outcome = handshake.turned_down ? Outcome::refused : Outcome::unknown;
  }
  return out;
}

void run(const Target& target, const PortPlan& plan, core::TlsMode mode, Clock::time_point deadline,
         const detail::OfferGroup& group)
{
  const auto alone = [&](std::size_t i) {
    const auto& [offer, limits] = group.members[i];
    *group.slots[i] = decided(offer, detail::handshake_only(target, plan, mode, limits, deadline), false);
  };
  if (!group.together) {
    for (std::size_t i = 0; i < group.members.size(); ++i) {
      alone(i);
    }
    return;
  }
  const auto both = detail::handshake_only(target, plan, mode, *group.together, deadline);
  for (std::size_t i = 0; i < group.members.size(); ++i) {
    const auto offer = group.members[i].first;
    if (offer == group.exact) {
      *group.slots[i] = decided(offer, both, false);
    } else if (both.turned_down || (both.session && shows(offer, *both.session))) {
      *group.slots[i] = decided(offer, both, true);
    } else {
      alone(i);
    }
  }
}

// The cipher list of both offers: the weak ciphers' names, then RSA key
// exchange (NULL ciphers included: they are weak, and without forward secrecy).
std::string union_of_ciphers(std::string_view weak)
{
  constexpr std::string_view level = ":@SECLEVEL=0";
  if (weak.ends_with(level)) {
    weak.remove_suffix(level.size());
  }
  return std::string(weak) + ":kRSA:!PSK" + std::string(level);
}

} // namespace

namespace detail {

Extras::Extras(const Target& target, const PortPlan& plan, core::TlsMode mode, Clock::time_point deadline)
  : m_mode(mode)
{
  OfferGroup versions;
  OfferGroup ssl3;
  OfferGroup ciphers;
  for (const auto offer : {Offer::tls1_1, Offer::tls1_0, Offer::ssl3, Offer::no_forward_secrecy,
                           Offer::weak_cipher}) {
    auto limits = limits_of(target, offer);
    if (!limits) {
      continue;
    }
    m_results.emplace_back();
    m_results.back().offer = offer;
    auto& group = offer == Offer::ssl3 ? ssl3 : (offer == Offer::tls1_1 || offer == Offer::tls1_0) ? versions : ciphers;
    group.members.emplace_back(offer, std::move(*limits));
    group.slots.push_back(&m_results.back());
  }
  // A TLS 1.1 offer offers 1.0 too: a server that takes 1.0 answers it with 1.0.
  versions.together = limits_of(target, Offer::tls1_1);
  versions.exact = Offer::tls1_1;
  if (ciphers.members.size() == 2) {
    net::TlsLimits both;
    both.max_version = k_tls1_2;
    both.ciphers = union_of_ciphers(target.weak_ciphers);
    ciphers.together = std::move(both);
  }
  m_groups.push_back(std::move(versions));
  m_groups.push_back(std::move(ssl3));
  m_groups.push_back(std::move(ciphers));
  m_threads.reserve(m_groups.size()); // no reallocation once threads run
  for (const auto& group : m_groups) {
    if (group.members.empty()) {
      continue;
    }
    // By reference to a member: a thread that cannot start leaves it whole
    // for the call in this one.
    auto work = [&target, plan, mode, deadline, &group] {
      try {
        run(target, plan, mode, deadline, group);
      } catch (const std::exception& e) { // e.g. out of memory: this group only
        for (auto* slot : group.slots) {
          if (slot->outcome == Outcome::unknown && !slot->error) {
            slot->error = ProbeError{net::ErrorKind::io_failed, e.what()};
          }
        }
      }
    };
    try {
      m_threads.emplace_back(work);
    } catch (const std::system_error&) { // no thread to spare: in this one
      work();
    }
  }
}

Extras::~Extras()
{
  join(); // before m_groups and m_results go
}

std::vector<ExtraHandshake> Extras::take()
{
  join();
  return {std::make_move_iterator(m_results.begin()), std::make_move_iterator(m_results.end())};
}

void Extras::join()
{
  for (auto& thread : m_threads) {
    if (thread.joinable()) {
      thread.join();
    }
  }
}

} // namespace detail

std::vector<std::string> versions_accepted(const PortReport& report)
{
  std::vector<std::pair<int, std::string>> found;
  const auto add = [&found](const TlsSession& session) {
    const bool seen = std::any_of(found.begin(), found.end(), [&](const auto& f) {
      return f.first == session.version_number;
    });
    if (!seen && session.version_number != 0) {
      found.emplace_back(session.version_number, session.version);
    }
  };
  if (report.tls_session) {
    add(*report.tls_session);
  }
  for (const auto& e : report.extra_handshakes) {
    if (e.session && (e.offer == Offer::tls1_1 || e.offer == Offer::tls1_0 || e.offer == Offer::ssl3)) {
      add(*e.session);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& f : found) {
    out.push_back(std::move(f.second));
  }
  return out;
}

std::vector<std::string> versions_refused(const PortReport& report)
{
  const auto accepted = versions_accepted(report);
  const auto has = [&accepted](std::string_view v) {
    return std::find(accepted.begin(), accepted.end(), v) != accepted.end();
  };
  std::vector<std::string> out;
  // A TLS 1.1 offer also offers 1.0: a refusal, or 1.0 instead, says 1.1 is refused.
  for (const auto& e : report.extra_handshakes) {
    const auto* name = e.offer == Offer::tls1_1 ? "TLSv1.1" : e.offer == Offer::tls1_0 ? "TLSv1"
                       : e.offer == Offer::ssl3 ? "SSLv3" : nullptr;
    const bool answered = e.outcome == Outcome::refused || (e.outcome == Outcome::accepted && e.session);
    if (name != nullptr && answered && !has(name)) {
      out.emplace_back(name);
    }
  }
  return out;
}

} // namespace mailports::probe
