//! Small building blocks shared by the panes.

pub mod announcer;
pub mod answer;
pub mod body_field;
pub mod clock_bar;
pub mod copy;
pub mod countdown;
pub mod endpoint_ref;
pub mod modal;
pub mod files_dialog;
pub mod notices;
pub mod reset_dialog;
pub mod share_dialog;
pub mod step_card;
pub mod reveal;
pub mod term;
