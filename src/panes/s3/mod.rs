//! S3: the bucket list, and a bucket's objects browsed prefix by prefix.

pub mod buckets;
pub mod objects;

/// Rows kept for one prefix before the listing stops and offers to load more.
pub const DEFAULT_ROW_CAP: usize = 200_000;
