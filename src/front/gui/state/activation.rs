//! The activation panel's state: the group and user being added.

/// The group and user being added to the activation lists, and why the last one was refused.
#[derive(Debug, Default)]
pub struct ActivationInput {
    pub new_group: String,
    pub new_user: String,
    pub problem: Option<crate::model::validate::Invalid>,
}
