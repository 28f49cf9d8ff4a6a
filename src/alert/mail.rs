//! Mail over SMTP (the `lettre` crate, rustls): plain, STARTTLS or TLS from the start, with a
//! login where one is set (its password from the secrets file). One mail to every recipient.

use super::{DEADLINE, Message, one_line};
use crate::secrets::Secret;
use crate::watch::{Mail, Tls};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Checks the addresses of `mail`; the first one that is none is returned.
pub fn invalid_address(mail: &Mail) -> Option<String> {
    std::iter::once(&mail.from)
        .chain(mail.to.iter())
        .find(|a| a.trim().parse::<Mailbox>().is_err())
        .cloned()
}

/// Sends `msg` as a plain-text mail.
pub async fn send(mail: &Mail, password: Option<&Secret>, msg: &Message) -> Result<(), String> {
    let from: Mailbox = mail.from.trim().parse().map_err(one_line)?;
    let mut builder = lettre::Message::builder()
        .from(from)
        .subject(msg.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for to in &mail.to {
        builder = builder.to(to.trim().parse().map_err(one_line)?);
    }
    let text = format!(
        "{}\n\n{}\n\n-- \n{}, {}\n",
        msg.subject, msg.body, msg.host, msg.at
    );
    let email = builder.body(text).map_err(one_line)?;
    let host = mail.host.trim();
    let transport = match mail.tls {
        Tls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        Tls::Starttls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(one_line)?
        }
        Tls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(one_line)?,
    }
    .port(mail.port)
    .timeout(Some(DEADLINE));
    let transport = match (&mail.user, password) {
        (Some(user), Some(pw)) => transport
            .credentials(Credentials::new(user.clone(), pw.expose().to_owned()))
            .build(),
        _ => transport.build(),
    };
    tokio::time::timeout(DEADLINE, transport.send(email))
        .await
        .map_err(|_| format!("no answer within {} s", DEADLINE.as_secs()))?
        .map(|_| ())
        .map_err(one_line)
}
