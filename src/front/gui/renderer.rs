//! Which renderer draws the window (issue 22 §1). wgpu first: on Windows DX12, which on a VM
//! without a GPU and in a Remote Desktop session offers WARP, Microsoft's software rasterizer
//! (wgpu takes it as its last choice); elsewhere Vulkan (lavapipe without a GPU). glow (OpenGL 2+)
//! where wgpu cannot start. When none starts, every reason is kept for the message box
//! (`main.rs`). `TEAMS_PRESENCE_ADMIN_RENDERER=wgpu|glow` takes one renderer only.

use eframe::Renderer;

/// The environment variable that picks one renderer.
pub const ENV: &str = "TEAMS_PRESENCE_ADMIN_RENDERER";

/// The renderers to try, in order: both, or the one `TEAMS_PRESENCE_ADMIN_RENDERER` names (an
/// unknown name is logged and ignored).
pub fn order() -> Vec<Renderer> {
    let both = vec![Renderer::Wgpu, Renderer::Glow];
    match std::env::var(ENV) {
        Err(_) => both,
        Ok(name) => match name.trim().to_ascii_lowercase().as_str() {
            "wgpu" => vec![Renderer::Wgpu],
            "glow" => vec![Renderer::Glow],
            "" | "auto" => both,
            other => {
                tracing::warn!("{ENV}={other:?} is neither wgpu nor glow: trying both");
                both
            }
        },
    }
}

/// A renderer that did not start, and why.
#[derive(Debug)]
pub struct Failed {
    pub renderer: Renderer,
    pub reason: String,
}

/// Runs the window with each renderer of `order` until one starts; `start` opens the window with
/// the renderer given. A failure of the pane itself (not of the renderer) is not retried.
/// `Ok` once a window ran and was closed; else every renderer's reason, in order.
pub fn run_first(
    order: &[Renderer],
    mut start: impl FnMut(Renderer) -> eframe::Result,
) -> Result<(), Vec<Failed>> {
    let mut failed = Vec::new();
    for &renderer in order {
        match start(renderer) {
            Ok(()) => return Ok(()),
            Err(e) => {
                let app_failed = matches!(e, eframe::Error::AppCreation(_));
                tracing::warn!("the {renderer} renderer did not start: {e}");
                failed.push(Failed {
                    renderer,
                    reason: e.to_string(),
                });
                if app_failed {
                    break;
                }
            }
        }
    }
    Err(failed)
}

/// What draws the window, for the log and the "Diagnose" section: the renderer and, for wgpu,
/// the graphics API and adapter (e.g. "wgpu: Dx12, Microsoft Basic Render Driver (Cpu)"), for glow
/// the OpenGL version and renderer string.
pub fn describe(cc: &eframe::CreationContext<'_>) -> String {
    if let Some(rs) = &cc.wgpu_render_state {
        let info = rs.adapter.get_info();
        return format!(
            "wgpu: {:?}, {} ({:?})",
            info.backend, info.name, info.device_type
        );
    }
    if let Some(gl) = &cc.gl {
        use eframe::glow::HasContext as _;
        // SAFETY: plain string queries on the context eframe made current for the creator.
        let (version, renderer) = unsafe {
            (
                gl.get_parameter_string(eframe::glow::VERSION),
                gl.get_parameter_string(eframe::glow::RENDERER),
            )
        };
        return format!("glow: OpenGL {version}, {renderer}");
    }
    "unknown".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wgpu_error() -> eframe::Error {
        eframe::Error::Wgpu(eframe::egui_wgpu::WgpuError::NoSurfaceFormatsAvailable)
    }

    #[test]
    fn glow_is_tried_when_wgpu_does_not_start_and_its_reason_is_kept() {
        let mut tried = Vec::new();
        let out = run_first(&[Renderer::Wgpu, Renderer::Glow], |r| {
            tried.push(r);
            match r {
                Renderer::Wgpu => Err(wgpu_error()),
                Renderer::Glow => Ok(()),
            }
        });
        assert!(out.is_ok());
        assert_eq!(tried, [Renderer::Wgpu, Renderer::Glow]);
    }

    #[test]
    fn when_no_renderer_starts_every_reason_is_returned_in_order() {
        let failed = run_first(&[Renderer::Wgpu, Renderer::Glow], |r| match r {
            Renderer::Wgpu => Err(wgpu_error()),
            Renderer::Glow => Err(eframe::Error::NoGlutinConfigs(
                Default::default(),
                "no OpenGL 2.0".into(),
            )),
        })
        .unwrap_err();
        assert_eq!(failed.len(), 2);
        assert_eq!(failed[0].renderer, Renderer::Wgpu);
        assert!(failed[1].reason.contains("no OpenGL 2.0"), "{failed:?}");
    }

    #[test]
    fn a_failure_of_the_pane_itself_is_not_retried_with_another_renderer() {
        let mut tried = 0;
        let failed = run_first(&[Renderer::Wgpu, Renderer::Glow], |_| {
            tried += 1;
            Err(eframe::Error::AppCreation("the pane failed".into()))
        })
        .unwrap_err();
        assert_eq!(tried, 1);
        assert_eq!(failed.len(), 1);
    }
}
