//! A deterministic, allocation-free source of pseudo-random bytes, so uploads measure the SDK
//! and the server rather than the disk.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};

/// `len` bytes of xorshift output, as an [`AsyncRead`].
#[derive(Debug, Clone)]
pub struct GenReader {
    remaining: u64,
    state: u64,
}

impl GenReader {
    /// A source of `len` bytes, the same for the same `seed`.
    pub fn new(len: u64, seed: u64) -> Self {
        Self {
            remaining: len,
            state: seed | 1,
        }
    }

    /// Fills `out` (up to the remaining length); returns how many bytes were written.
    pub fn fill(&mut self, out: &mut [u8]) -> usize {
        let n = usize::try_from(self.remaining)
            .unwrap_or(usize::MAX)
            .min(out.len());
        for chunk in out[..n].chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            let bytes = self.state.to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        self.remaining -= n as u64;
        n
    }

    /// The next block of at most `cap` bytes (empty at the end).
    pub fn block(&mut self, cap: usize) -> Vec<u8> {
        let len = usize::try_from(self.remaining)
            .unwrap_or(usize::MAX)
            .min(cap);
        let mut buf = vec![0u8; len];
        self.fill(&mut buf);
        buf
    }
}

impl AsyncRead for GenReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let n = self.fill(buf.initialize_unfilled());
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[tokio::test]
    async fn yields_exactly_len_bytes_deterministically() {
        let mut a = Vec::new();
        GenReader::new(1000, 7)
            .read_to_end(&mut a)
            .await
            .unwrap_or(0);
        assert_eq!(a.len(), 1000);
        let mut g = GenReader::new(1000, 7);
        let mut b = g.block(600);
        b.extend(g.block(600));
        assert_eq!(a, b);
        assert!(g.block(10).is_empty());
    }
}
