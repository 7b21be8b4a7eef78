// The built-in services, read from their packed constant bytes (made by
// mailports-gen-services); only the commands that ask for a service call it.
#include <mailports/providers/packed.hpp>
#include <mailports/providers/services.hpp>

namespace mailports::providers {

const Services& builtin_services()
{
  struct Full {
    packed::Lists lists;
    std::vector<Service> entries;
    Services services;
  };
  static const Full full = [] {
    Full f;
    const auto image = builtin_services_packed();
    const auto count = packed::u32_at(image, 4);
    for (std::uint32_t i = 0; i < count; ++i) {
      Service s;
      packed::Reader(image, packed::u32_at(image, 8 + (i * 4)), f.lists).read(s);
      f.entries.push_back(s);
    }
    f.services = Services{f.entries};
    return f;
  }();
  return full.services;
}

} // namespace mailports::providers
