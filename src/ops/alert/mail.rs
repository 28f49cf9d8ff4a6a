//! Mail over SMTP (the `lettre` crate, rustls): plain, STARTTLS or TLS from the start, with a
//! login where one is set (its password from the secrets file). One mail to every recipient.

use super::{ChannelError, Message};
use crate::model::secrets::Secret;
use crate::model::watch::{Mail, Tls, Why};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// Checks the addresses of `mail`; the first one that is none is returned.
pub fn invalid_address(mail: &Mail) -> Option<String> {
    std::iter::once(&mail.from)
        .chain(mail.to.iter())
        .find(|a| a.trim().parse::<Mailbox>().is_err())
        .cloned()
}

/// Why lettre failed, as the administrator is told it.
fn why(e: &lettre::transport::smtp::Error) -> Why {
    let code = e
        .status()
        .map(|c| c.to_string().parse::<u16>().unwrap_or(0));
    match code {
        // 530: authentication required, 534/535: the login refused.
        Some(530 | 534 | 535) => Why::Login,
        Some(code) => Why::Refused { code },
        None if e.is_timeout() => Why::Timeout,
        None if e.is_tls() => Why::Tls,
        None => super::io_why(e).unwrap_or(Why::Other),
    }
}

/// Sends `msg` as a plain-text mail within `deadline`.
pub async fn send(
    mail: &Mail,
    password: Option<&Secret>,
    msg: &Message,
    deadline: Duration,
) -> Result<(), ChannelError> {
    let from: Mailbox = mail.from.trim().parse().map_err(ChannelError::other)?;
    let mut builder = lettre::Message::builder()
        .from(from)
        .subject(msg.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for to in &mail.to {
        builder = builder.to(to.trim().parse().map_err(ChannelError::other)?);
    }
    let text = format!(
        "{}\n\n{}\n\n-- \n{}, {}\n",
        msg.subject, msg.body, msg.host, msg.at
    );
    let email = builder.body(text).map_err(ChannelError::other)?;
    let host = mail.host.trim();
    let transport = match mail.tls {
        Tls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        Tls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
            .map_err(ChannelError::other)?,
        Tls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(ChannelError::other)?
        }
    }
    .port(mail.port)
    .timeout(Some(deadline));
    let transport = match (&mail.user, password) {
        (Some(user), Some(pw)) => transport
            .credentials(Credentials::new(user.clone(), pw.expose().to_owned()))
            .build(),
        _ => transport.build(),
    };
    tokio::time::timeout(deadline, transport.send(email))
        .await
        .map_err(|_| {
            ChannelError::new(
                Why::Timeout,
                format!("no answer within {} s", deadline.as_secs()),
            )
        })?
        .map(|_| ())
        .map_err(|e| ChannelError::new(why(&e), &e))
}
