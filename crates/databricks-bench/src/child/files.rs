//! The children of the Files API scenarios: one large file through a Unity Catalog volume,
//! the SDK against bare reqwest making the same requests (one streamed `PUT` with an exact
//! `Content-Length`; one streamed `GET`).

use bytes::Bytes;
use databricks::Client;
use databricks::files::UploadSource;
use futures::{StreamExt, TryStreamExt};

use super::{AnyResult, Sample, measure, sdk_err};
use crate::bare::Bare;
use crate::cli::ChildArgs;
use crate::source::GenReader;

/// The read size of a streamed body (the SDK's too).
const CHUNK: usize = 256 * 1024;

/// The URL path of a file (bench paths need no percent-encoding).
fn file_url(path: &str) -> String {
    format!("/api/2.0/fs/files{path}")
}

/// The volume `path` is in (`/Volumes/<catalog>/<schema>/<volume>`), which outlives the
/// run's directory (removed between rounds).
fn volume_of(path: &str) -> &str {
    let end = path
        .match_indices('/')
        .nth(4)
        .map_or(path.len(), |(i, _)| i);
    &path[..end]
}

/// Runs the `files-upload` and `files-download` children.
pub(super) async fn run(a: &ChildArgs, sdk: &Client, bare: &Bare) -> AnyResult<Sample> {
    let dir = volume_of(&a.path);
    match (a.scenario.as_str(), a.variant.as_str()) {
        ("files-upload", "sdk") => {
            measure(sdk_warm(sdk, dir, a.warmup), || async {
                let source = UploadSource::reader_with_size(GenReader::new(a.size, 42), a.size);
                let sent = sdk
                    .files()
                    .upload(&a.path, source, true)
                    .await
                    .map_err(sdk_err)?;
                Ok((1, sent))
            })
            .await
        }
        ("files-upload", "bare") => {
            measure(bare_warm(bare, dir, a.warmup), || async {
                bare_upload(bare, &a.path, a.size).await.map(|n| (1, n))
            })
            .await
        }
        ("files-download", "sdk") => {
            measure(sdk_warm(sdk, dir, a.warmup), || async {
                let mut body = sdk.files().download(&a.path).await.map_err(sdk_err)?;
                let mut n = 0u64;
                while let Some(chunk) = body.try_next().await.map_err(sdk_err)? {
                    n += chunk.len() as u64;
                }
                Ok((1, n))
            })
            .await
        }
        ("files-download", "bare") => {
            measure(bare_warm(bare, dir, a.warmup), || async {
                bare.get_counted(&file_url(&a.path)).await.map(|n| (1, n))
            })
            .await
        }
        (scenario, variant) => Err(format!("no child for {scenario}/{variant}")),
    }
}

async fn sdk_warm(client: &Client, dir: &str, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        client
            .files()
            .get_directory_metadata(dir)
            .await
            .map_err(sdk_err)?;
    }
    Ok(())
}

async fn bare_warm(bare: &Bare, dir: &str, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        let status = bare
            .head_status(&format!("/api/2.0/fs/directories{dir}"))
            .await?;
        if status != 200 {
            return Err(format!("HEAD {dir}: HTTP {status}"));
        }
    }
    Ok(())
}

/// The SDK's request for a large file of known size: one `PUT ?overwrite=true` whose raw
/// body streams in 256 KiB chunks with an exact `Content-Length`.
async fn bare_upload(bare: &Bare, path: &str, size: u64) -> AnyResult<u64> {
    let chunks = futures::stream::unfold(GenReader::new(size, 42), |mut source| async move {
        let chunk = source.block(CHUNK);
        (!chunk.is_empty()).then(|| (Ok::<_, std::io::Error>(Bytes::from(chunk)), source))
    });
    bare.put_stream(
        &file_url(path),
        &[("overwrite", "true")],
        reqwest::Body::wrap_stream(chunks.boxed()),
        size,
    )
    .await?;
    Ok(size)
}

#[cfg(test)]
mod tests {
    #[test]
    fn volume_of() {
        assert_eq!(super::volume_of("/Volumes/c/s/v/d/f.bin"), "/Volumes/c/s/v");
        assert_eq!(super::volume_of("/Volumes/c/s/v/f.bin"), "/Volumes/c/s/v");
        assert_eq!(super::volume_of("/Volumes/c/s/v"), "/Volumes/c/s/v");
    }
}
