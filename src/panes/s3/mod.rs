//! S3: the bucket list, and a bucket's objects browsed prefix by prefix.

pub mod buckets;
pub mod object;
pub mod objects;
