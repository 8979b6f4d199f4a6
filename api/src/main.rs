fn main() -> std::process::ExitCode {
    smarty_api::cli::run()
}
