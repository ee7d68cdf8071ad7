//! Pictures as validation accepts them: PNG files that decode completely ([`super::png`])
//! and JPEG files whose structure is sound ([`super::jpeg`]), with their size in pixels.

use super::{jpeg, png};
use crate::ir::ImageFormat;

/// A picture file known to be a sound PNG or JPEG within the size limits.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedImage {
    bytes: Vec<u8>,
    format: ImageFormat,
    width: u32,
    height: u32,
}

impl CheckedImage {
    /// Check `bytes`: a PNG is decoded completely (the pixels are dropped again), a JPEG's
    /// markers are read. The error is a Vietnamese sentence.
    pub fn new(bytes: Vec<u8>) -> Result<CheckedImage, String> {
        let (format, width, height) = match ImageFormat::of(&bytes) {
            Some(ImageFormat::Jpeg) => {
                let info = jpeg::parse(&bytes).map_err(|e| e.to_string())?;
                (ImageFormat::Jpeg, info.width, info.height)
            }
            Some(ImageFormat::Png) => {
                let px = png::decode(&bytes).map_err(|e| e.to_string())?;
                // Both at most MAX_PIXELS, checked by `decode`.
                (ImageFormat::Png, px.width as u32, px.height as u32)
            }
            None => {
                return Err(
                    "không phải ảnh PNG hoặc JPEG (phần đầu tệp không phải chữ ký của \
                     hai định dạng này)"
                        .to_string(),
                );
            }
        };
        Ok(CheckedImage {
            bytes,
            format,
            width,
            height,
        })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn format(&self) -> ImageFormat {
        self.format
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }
}

/// Read the image file at `path` (a regular file within [`crate::files::IMAGE`]'s size
/// limit) and check it. The error is a Vietnamese sentence about the `what` ("ảnh chữ ký")
/// at `path`, saying what is wrong with it.
pub fn read_checked(
    sources: &dyn crate::sources::Sources,
    path: &std::path::Path,
    what: &str,
) -> Result<CheckedImage, crate::error::Error> {
    use crate::error::{Code, Error};
    let bytes = sources
        .read(path, crate::files::IMAGE)
        .map(|b| b.into_owned())
        .map_err(|e| {
            Error::new(
                e.code,
                format!("không đọc được {what} {}: {}", path.display(), e.message),
            )
        })?;
    CheckedImage::new(bytes)
        .map_err(|e| Error::new(Code::BadImage, format!("{what} {}: {e}", path.display())))
}
