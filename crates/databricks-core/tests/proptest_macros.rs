//! Property tests of the model macros every API family uses: `open_enum!` (forward-compatible
//! enums) and `string_id!` / `int_id!` (id newtypes): any value the service may send survives a
//! decode / encode round trip unchanged.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

databricks_core::open_enum! {
    /// A test enum shaped like a cluster state.
    pub enum TestState {
        /// Starting.
        Pending = "PENDING",
        /// Up.
        Running = "RUNNING",
        /// A real Databricks value that collides with the usual catch-all name.
        Unknown = "UNKNOWN",
        /// An empty wire value.
        Empty = "",
    }
}

databricks_core::string_id! {
    /// A test string id.
    pub struct TestId;
}

databricks_core::int_id! {
    /// A test integer id.
    pub struct TestNum;
}

const KNOWN: &[&str] = &["PENDING", "RUNNING", "UNKNOWN", ""];

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn wire_value() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,30}",
        "[A-Z_]{0,20}",
        proptest::sample::select(KNOWN).prop_map(str::to_owned),
        Just("pending".to_owned()),
        Just("RUNNING ".to_owned()),
        Just("Unrecognized".to_owned()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Every string maps to the known variant when it is one (exact match only), else to
    /// `Unrecognized` keeping the string; `as_str`, `Display` and serde give it back unchanged.
    #[test]
    fn open_enum_round_trips(s in wire_value()) {
        let v = TestState::from(s.as_str());
        prop_assert_eq!(v.as_str(), s.as_str());
        prop_assert_eq!(v.to_string(), s.clone());
        prop_assert_eq!(TestState::from(s.clone()), v.clone());
        prop_assert_eq!(s.parse::<TestState>().unwrap(), v.clone());
        prop_assert_eq!(matches!(v, TestState::Unrecognized(_)), !KNOWN.contains(&s.as_str()));

        let json = serde_json::to_string(&s).unwrap();
        let decoded: TestState = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&decoded, &v);
        prop_assert_eq!(serde_json::to_string(&decoded).unwrap(), json);

        // Inside a struct, from a Value, and in arrays too.
        let decoded: Vec<TestState> =
            serde_json::from_value(serde_json::json!([s, "RUNNING"])).unwrap();
        prop_assert_eq!(&decoded[0], &v);
        prop_assert_eq!(&decoded[1], &TestState::Running);
    }

    /// Non-strings are decode errors, never panics.
    #[test]
    fn open_enum_rejects_non_strings(n in any::<i64>(), b in any::<bool>()) {
        prop_assert!(serde_json::from_str::<TestState>(&n.to_string()).is_err());
        prop_assert!(serde_json::from_str::<TestState>(&b.to_string()).is_err());
        prop_assert!(serde_json::from_str::<TestState>("null").is_err());
        prop_assert!(serde_json::from_str::<TestState>("[]").is_err());
    }

    /// String ids are transparent strings; integer ids transparent i64s.
    #[test]
    fn ids_round_trip(s in ".{0,40}", n in any::<i64>()) {
        let id = TestId::from(s.as_str());
        prop_assert_eq!(id.as_str(), s.as_str());
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&s).unwrap());
        prop_assert_eq!(serde_json::from_str::<TestId>(&json).unwrap(), id);

        let num: TestNum = serde_json::from_str(&n.to_string()).unwrap();
        prop_assert_eq!(serde_json::to_string(&num).unwrap(), n.to_string());
        prop_assert_eq!(num.to_string(), n.to_string());
    }
}
