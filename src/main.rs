use std::io;
use std::process::ExitCode;

use clap::Parser;

use limber::cli::args::{Cli, Command, Lang};
use limber::cli::validate;
use limber::store::paths;
use limber::store::routines::load_library;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.global.lang.unwrap_or_else(|| {
        let var = |k| std::env::var(k).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    });
    let user_dir = paths::routines_dir(cli.global.routines.clone());
    let result = match cli.command {
        Some(Command::Validate { paths }) => validate::run(
            &paths,
            user_dir.as_deref(),
            &mut io::stdout(),
            &mut io::stderr(),
        ),
        _ => {
            let library = load_library(lang.code(), user_dir.as_deref());
            for l in &library.routines {
                println!(
                    "{}  {}  ({})",
                    l.routine.id,
                    l.routine.title,
                    l.origin.describe()
                );
            }
            for b in &library.broken {
                eprint!("{}", b.render());
            }
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("limber: {e}");
            ExitCode::from(1)
        }
    }
}
