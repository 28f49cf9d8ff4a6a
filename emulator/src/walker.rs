//! A stand-in for the system browser on the emulator's pages: opens the sign-in page, fills in
//! the account and password, presses Accept (or Cancel) and follows the redirect to the pane's
//! loopback listener — what an administrator does by hand. The pane's tests put it behind their
//! browser seam.

#[derive(Clone, Debug)]
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

impl Walker {
    /// Walks the page at `url` on a thread of its own, as a browser the pane opened would: the
    /// caller does not wait (a failure is logged).
    pub fn walk_in_background(&self, url: &str) {
        let (url, walker) = (url.to_owned(), self.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            if let Err(e) = rt.block_on(walker.walk(&url)) {
                tracing::warn!("walker: {e}");
            }
        });
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
