//! The question after an invalid edit: edit again, keep the old routine,
//! or save the edit as a draft, answered in either language.

use std::io::{self, BufRead, Write};

use crate::core::lang::Lang;
use crate::i18n::CliStrings;

pub(super) enum EditAnswer {
    EditAgain,
    Keep,
    Draft,
}

/// What `answer` asks for. The prompt shows the letters of the interface
/// language, but the answers of both are understood: a script written for
/// one language works in the other, and so does a hand used to it.
fn choice(answer: &str) -> Option<EditAnswer> {
    let answer = answer.trim().to_lowercase();
    [Lang::En, Lang::Ru].into_iter().find_map(|lang| {
        let a = CliStrings::load(lang).edit_answers;
        let has = |list: &[String]| list.contains(&answer);
        if has(&a.again) {
            Some(EditAnswer::EditAgain)
        } else if has(&a.keep) {
            Some(EditAnswer::Keep)
        } else if has(&a.draft) {
            Some(EditAnswer::Draft)
        } else {
            None
        }
    })
}

/// Asks what to do with an invalid edit, a line at a time; end of input
/// means keep the previous version.
/// With `echo`, the answer is repeated on `err`, so that a log of a
/// non-interactive run reads like a conversation.
pub(super) fn ask(
    s: &CliStrings,
    input: &mut impl BufRead,
    echo: bool,
    err: &mut impl Write,
) -> io::Result<EditAnswer> {
    loop {
        write!(err, "{}", s.edit_prompt)?;
        err.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(err)?;
            return Ok(EditAnswer::Keep);
        }
        if echo {
            writeln!(err, "{}", line.trim_end())?;
        }
        match choice(&line) {
            Some(answer) => return Ok(answer),
            None => writeln!(err, "{}", s.edit_answer_please)?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_of_either_language_are_understood_in_both() {
        for lang in [Lang::En, Lang::Ru] {
            let a = CliStrings::load(lang).edit_answers;
            for answer in &a.again {
                assert!(
                    matches!(choice(answer), Some(EditAnswer::EditAgain)),
                    "{answer}"
                );
            }
            for answer in &a.keep {
                assert!(matches!(choice(answer), Some(EditAnswer::Keep)), "{answer}");
            }
            for answer in &a.draft {
                assert!(
                    matches!(choice(answer), Some(EditAnswer::Draft)),
                    "{answer}"
                );
            }
        }
        assert!(matches!(choice(" E\n"), Some(EditAnswer::EditAgain)));
        assert!(matches!(choice("С\n"), Some(EditAnswer::Draft)));
        assert!(choice("maybe").is_none());
        assert!(choice("").is_none());
    }
}
