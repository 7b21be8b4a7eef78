#include <mailports/cli/app.hpp>

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv)
{
  return mailports::cli::run(argc, argv, std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1);
}
