//! A stand-in for the system browser on the emulator's pages: opens the sign-in page, fills in
//! the account and password, presses Accept (or Cancel) and follows the redirect to the pane's
//! loopback listener — what an administrator does by hand. The other side of the browser seam,
//! for the tests and for scripted demos.

use crate::consent::browser::Browser;

pub struct Walker {
    pub user: String,
    pub password: String,
    /// `accept` or `cancel`.
    pub action: String,
}

impl Walker {
    /// Signs in as `user` with the demo password and accepts.
    pub fn accepting(user: &str) -> Self {
        Self {
            user: user.to_owned(),
            password: super::state::DEMO_PASSWORD.to_owned(),
            action: "accept".to_owned(),
        }
    }

    /// Walks the page at `url`; returns where the emulator redirected to.
    pub async fn walk(&self, url: &str) -> Result<String, String> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let html = http
            .get(url)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        let mut form = hidden_fields(&html);
        form.extend([
            ("username".to_owned(), self.user.clone()),
            ("password".to_owned(), self.password.clone()),
            ("action".to_owned(), self.action.clone()),
        ]);
        let r = http
            .post(url)
            .form(&form)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| format!("no redirect (HTTP {})", r.status()))?
            .to_owned();
        // The redirect goes to the pane's loopback listener, as the browser would follow it.
        http.get(&location)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        Ok(location)
    }
}

impl Browser for Walker {
    fn open(&self, url: &str) -> std::io::Result<()> {
        let (url, walker) = (
            url.to_owned(),
            Walker {
                user: self.user.clone(),
                password: self.password.clone(),
                action: self.action.clone(),
            },
        );
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            if let Err(e) = rt.block_on(walker.walk(&url)) {
                tracing::warn!("walker: {e}");
            }
        });
        Ok(())
    }
}

/// The hidden fields of a page's form, unescaped, as a browser sends them back.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    html.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|tag| {
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                let end = start + tag[start..].find('"')?;
                Some(unescape(&tag[start..end]))
            };
            Some((attr("name")?, attr("value")?))
        })
        .collect()
}

/// "Zustimmung des Benutzers" for `settings` given by `user` through this stand-in: the refresh
/// token lands in `secrets` as after a real consent. For tests, benchmarks and scripted demos.
pub async fn give_user_consent(
    settings: &crate::config::Settings,
    secrets: &std::path::Path,
    user: &str,
) -> Result<crate::consent::flow::UserConsent, crate::consent::flow::FlowError> {
    use crate::consent::{client::Client, flow};
    let client = Client::new(settings, &settings.client_id)?;
    let pending = flow::prepare_user_consent(&client).await?;
    let walker = Walker::accepting(user);
    let url = pending.url.clone();
    tokio::spawn(async move { walker.walk(&url).await });
    flow::finish_user_consent(
        pending,
        &client,
        crate::i18n::Lang::En,
        std::future::pending(),
        secrets,
    )
    .await
}
