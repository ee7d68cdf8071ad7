//! Automatic numbering of parts (Decree 30): Phần I; I. / 1. / 1.1. / a) / - / +; Điều 1.
//! Numbers restart under each parent. The numbers become literal text in the IR so that DOCX
//! and PDF show exactly the same thing.

use crate::format;

/// Numbering state while walking a document's blocks in order.
#[derive(Debug, Default)]
pub struct Counters {
    part: u32,
    article: u32,
    /// counts[l] for levels 1..=4.
    counts: [u32; 5],
}

impl Counters {
    pub fn part(&mut self) -> String {
        self.part += 1;
        self.counts = [0; 5];
        self.article = 0;
        format!("Phần {}", format::roman(self.part))
    }

    pub fn article(&mut self) -> String {
        self.article += 1;
        self.counts = [0; 5];
        format!("Điều {}.", self.article)
    }

    /// The number of the next heading or item at `level` (1–6).
    pub fn next(&mut self, level: u8) -> String {
        let l = level as usize;
        if l >= 5 {
            return if l == 5 { "-".into() } else { "+".into() };
        }
        self.counts[l] += 1;
        for deeper in self.counts.iter_mut().skip(l + 1) {
            *deeper = 0;
        }
        let n = self.counts[l];
        match l {
            1 => format!("{}.", format::roman(n)),
            2 => format!("{n}."),
            3 => {
                if self.counts[2] > 0 {
                    format!("{}.{n}.", self.counts[2])
                } else {
                    format!("{n}.")
                }
            }
            _ => format!("{})", format::viet_letter(n as usize)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_restart_under_each_parent() {
        let mut c = Counters::default();
        assert_eq!(c.next(1), "I.");
        assert_eq!(c.next(2), "1.");
        assert_eq!(c.next(2), "2.");
        assert_eq!(c.next(3), "2.1.");
        assert_eq!(c.next(4), "a)");
        assert_eq!(c.next(4), "b)");
        assert_eq!(c.next(3), "2.2.");
        assert_eq!(c.next(4), "a)");
        assert_eq!(c.next(1), "II.");
        assert_eq!(c.next(2), "1.");
        for _ in 0..4 {
            c.next(4);
        }
        assert_eq!(c.next(4), "đ)");
        assert_eq!(c.next(5), "-");
        assert_eq!(c.next(6), "+");
        assert_eq!(c.article(), "Điều 1.");
        assert_eq!(c.next(2), "1.");
        assert_eq!(c.part(), "Phần I");
    }
}
