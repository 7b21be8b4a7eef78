#include "catch.hpp"

#include <mailports/net/stream.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

using namespace mailports::net;
using namespace std::chrono_literals;

namespace {

// A connected pair: the Stream reads one end, the test writes the other.
struct Pair {
  Pair()
  {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    stream = std::make_unique<Stream>(Socket(fds[0]));
    peer = Socket(fds[1]);
  }

  void send(const std::string& data) const
  {
    REQUIRE(::send(peer.fd(), data.data(), data.size(), 0) == static_cast<ssize_t>(data.size()));
  }

  std::unique_ptr<Stream> stream;
  Socket peer;
};

Clock::time_point soon()
{
  return Clock::now() + 2s;
}

} // namespace

TEST_CASE("lines come without CRLF or LF, one at a time", "[net][stream]")
{
  Pair pair;
  pair.send("220 hello\r\n250-A\n250 B\r\n");
  CHECK(*pair.stream->read_line(soon()) == "220 hello");
  CHECK(*pair.stream->read_line(soon()) == "250-A");
  CHECK(*pair.stream->read_line(soon()) == "250 B");
}

TEST_CASE("a line over 4 KiB is refused, not buffered without end", "[net][stream]")
{
  Pair pair;
  pair.send(std::string(k_max_line + 10, 'x'));
  const auto line = pair.stream->read_line(soon());
  REQUIRE_FALSE(line);
  CHECK(line.error().kind == ErrorKind::line_too_long);

  Pair exact;
  exact.send(std::string(k_max_line - 2, 'y') + "\r\n");
  CHECK(exact.stream->read_line(soon())->size() == k_max_line - 2);
}

TEST_CASE("a reply over 64 KiB is refused", "[net][stream]")
{
  Pair pair;
  std::thread writer([&pair] {
    const std::string line = "250-" + std::string(1000, 'z') + "\r\n";
    for (int i = 0; i < 80; ++i) {
      (void)::send(pair.peer.fd(), line.data(), line.size(), MSG_NOSIGNAL);
      std::this_thread::sleep_for(1ms);
    }
  });
  pair.stream->begin_reply();
  IoError error;
  for (int i = 0; i < 100; ++i) {
    auto line = pair.stream->read_line(soon());
    if (!line) {
      error = line.error();
      break;
    }
  }
  writer.join();
  CHECK(error.kind == ErrorKind::reply_too_long);
}

TEST_CASE("a silent peer times out at the deadline; a closed one is reported", "[net][stream]")
{
  Pair pair;
  const auto start = Clock::now();
  const auto line = pair.stream->read_line(start + 200ms);
  const auto waited = Clock::now() - start;
  REQUIRE_FALSE(line);
  CHECK(line.error().kind == ErrorKind::timeout);
  CHECK(waited >= 190ms);
  CHECK(waited < 1500ms);

  pair.peer = Socket();
  const auto closed = pair.stream->read_line(soon());
  REQUIRE_FALSE(closed);
  CHECK(closed.error().kind == ErrorKind::closed);
}

TEST_CASE("wait_readable: false while silent, true once data comes", "[net][stream]")
{
  Pair pair;
  CHECK_FALSE(pair.stream->wait_readable(Clock::now() + 50ms));
  pair.send("+OK\r\n");
  CHECK(pair.stream->wait_readable(Clock::now() + 50ms));
}

TEST_CASE("writes reach the peer; writing to a closed peer fails cleanly", "[net][stream]")
{
  Pair pair;
  REQUIRE_FALSE(pair.stream->write("EHLO [127.0.0.1]\r\n", soon()));
  char buffer[64] = {};
  CHECK(::recv(pair.peer.fd(), buffer, sizeof buffer, 0) == 18);
  pair.peer = Socket();
  const auto error = pair.stream->write("QUIT\r\n", soon());
  REQUIRE(error);
  CHECK(error->kind == ErrorKind::closed);
}
