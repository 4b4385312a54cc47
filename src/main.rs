use clap::Parser;

fn main() {
    let args = iro::cli::Cli::parse();
    let code = iro::cmd::run(args);
    std::process::exit(code);
}
