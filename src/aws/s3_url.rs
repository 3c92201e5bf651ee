//! The https URL of an S3 object, as the SDK would address it: the partition's domain (China's
//! `amazonaws.com.cn`), FIPS (`s3-fips`) and dual-stack (`s3.dualstack`) hosts, path-style for
//! bucket names a virtual host's certificate cannot cover, and the key percent-encoded.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters and `/` (the key's own separators stay).
const KEY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Which endpoint variant the context asks for (`use_fips_endpoint`, `use_dualstack_endpoint`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Variant {
    pub fips: bool,
    pub dual_stack: bool,
}

/// `endpoint`: a custom endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL_S3`), always path-style.
pub fn object_url(
    endpoint: Option<&str>,
    region: &str,
    variant: Variant,
    bucket: &str,
    key: &str,
) -> Result<String, String> {
    let key = utf8_percent_encode(key, KEY);
    if let Some(endpoint) = endpoint {
        return Ok(format!("{}/{bucket}/{key}", endpoint.trim_end_matches('/')));
    }
    let host = service_host(region, variant)?;
    // `*.s3.region.amazonaws.com` certificates cover one label: a dotted bucket name would
    // fail TLS as a virtual host, so the SDK (and this URL) puts it in the path.
    if bucket.contains('.') {
        Ok(format!("https://{host}/{bucket}/{key}"))
    } else {
        Ok(format!("https://{bucket}.{host}/{key}"))
    }
}

/// `s3[-fips][.dualstack].REGION.DOMAIN` for the region's partition.
fn service_host(region: &str, variant: Variant) -> Result<String, String> {
    let (domain, has_fips, has_dual_stack) = match super::partition(region) {
        "aws-cn" => ("amazonaws.com.cn", false, true),
        "aws-us-gov" => ("amazonaws.com", true, true),
        _ if region.starts_with("us-isob-") => ("sc2s.sgov.gov", true, false),
        _ if region.starts_with("us-iso-") => ("c2s.ic.gov", true, false),
        _ => ("amazonaws.com", true, true),
    };
    if variant.fips && !has_fips {
        return Err(format!("S3 has no FIPS endpoint in {region}"));
    }
    if variant.dual_stack && !has_dual_stack {
        return Err(format!("S3 has no dual-stack endpoint in {region}"));
    }
    let service = if variant.fips { "s3-fips" } else { "s3" };
    let stack = if variant.dual_stack { ".dualstack" } else { "" };
    Ok(format!("{service}{stack}.{region}.{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Variant = Variant {
        fips: false,
        dual_stack: false,
    };
    const FIPS: Variant = Variant {
        fips: true,
        dual_stack: false,
    };
    const DUAL: Variant = Variant {
        fips: false,
        dual_stack: true,
    };
    const BOTH: Variant = Variant {
        fips: true,
        dual_stack: true,
    };

    #[test]
    fn hosts_per_partition_and_variant_keys_encoded() {
        let cases = [
            // Commercial: plain, FIPS, dual-stack, both.
            (
                "eu-west-1",
                PLAIN,
                "b",
                "a dir/ü.txt",
                "https://b.s3.eu-west-1.amazonaws.com/a%20dir/%C3%BC.txt",
            ),
            (
                "us-east-1",
                FIPS,
                "b",
                "k",
                "https://b.s3-fips.us-east-1.amazonaws.com/k",
            ),
            (
                "us-east-1",
                DUAL,
                "b",
                "k",
                "https://b.s3.dualstack.us-east-1.amazonaws.com/k",
            ),
            (
                "us-east-1",
                BOTH,
                "b",
                "k",
                "https://b.s3-fips.dualstack.us-east-1.amazonaws.com/k",
            ),
            // China has its own domain.
            (
                "cn-north-1",
                PLAIN,
                "b",
                "k",
                "https://b.s3.cn-north-1.amazonaws.com.cn/k",
            ),
            (
                "cn-northwest-1",
                DUAL,
                "b",
                "k",
                "https://b.s3.dualstack.cn-northwest-1.amazonaws.com.cn/k",
            ),
            // GovCloud and the ISO partitions.
            (
                "us-gov-west-1",
                FIPS,
                "b",
                "k",
                "https://b.s3-fips.us-gov-west-1.amazonaws.com/k",
            ),
            (
                "us-iso-east-1",
                PLAIN,
                "b",
                "k",
                "https://b.s3.us-iso-east-1.c2s.ic.gov/k",
            ),
            (
                "us-isob-east-1",
                PLAIN,
                "b",
                "k",
                "https://b.s3.us-isob-east-1.sc2s.sgov.gov/k",
            ),
            // Reserved characters are encoded, slashes and unreserved ones kept.
            (
                "eu-west-1",
                PLAIN,
                "b",
                "a+b/c?d#e%f&g=h",
                "https://b.s3.eu-west-1.amazonaws.com/a%2Bb/c%3Fd%23e%25f%26g%3Dh",
            ),
            (
                "eu-west-1",
                PLAIN,
                "b",
                "~x_y-z.txt",
                "https://b.s3.eu-west-1.amazonaws.com/~x_y-z.txt",
            ),
            // A dotted bucket cannot be a virtual host under the wildcard certificate.
            (
                "eu-west-1",
                PLAIN,
                "logs.example.com",
                "k",
                "https://s3.eu-west-1.amazonaws.com/logs.example.com/k",
            ),
        ];
        for (region, variant, bucket, key, expected) in cases {
            assert_eq!(
                object_url(None, region, variant, bucket, key).unwrap(),
                expected,
                "{region} {variant:?} {bucket} {key}"
            );
        }
    }

    #[test]
    fn variants_a_partition_lacks_are_refused() {
        let e = object_url(None, "cn-north-1", FIPS, "b", "k").unwrap_err();
        assert!(e.contains("FIPS"), "{e}");
        assert!(object_url(None, "us-iso-east-1", DUAL, "b", "k").is_err());
    }

    #[test]
    fn custom_endpoints_are_path_style() {
        assert_eq!(
            object_url(
                Some("http://127.0.0.1:5000/"),
                "us-east-1",
                FIPS,
                "b",
                "k+1"
            )
            .unwrap(),
            "http://127.0.0.1:5000/b/k%2B1"
        );
    }
}
