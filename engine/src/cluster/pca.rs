//! A 2-D principal-component projection for the segment scatter plot: the covariance matrix of
//! the (scaled) features, its two leading eigenvectors by power iteration with deflation
//! (features are few, so a d×d matrix is tiny), and the centred points projected on them.

use serde::{Deserialize, Serialize};

/// Two principal axes and how much variance each explains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pca2 {
    /// Row-major `2 × dims` unit vectors; the sign makes each axis' largest loading positive
    /// (scikit-learn's convention).
    pub components: Vec<f64>,
    pub explained_ratio: [f64; 2],
    pub mean: Vec<f64>,
}

impl Pca2 {
    /// Coordinates of one point.
    pub fn project(&self, point: &[f64]) -> [f64; 2] {
        let dims = self.mean.len();
        let mut out = [0.0; 2];
        for (a, o) in out.iter_mut().enumerate() {
            *o = (0..dims)
                .map(|j| (point[j] - self.mean[j]) * self.components[a * dims + j])
                .sum();
        }
        out
    }
}

/// Fits the two leading components of row-major `rows × dims` points; `None` for fewer than
/// two rows or no variance.
pub fn pca2(rows: usize, dims: usize, data: &[f64]) -> Option<Pca2> {
    if rows < 2 || dims == 0 || data.len() != rows * dims {
        return None;
    }
    let mut mean = vec![0.0; dims];
    for row in data.chunks_exact(dims) {
        mean.iter_mut().zip(row).for_each(|(m, v)| *m += v);
    }
    mean.iter_mut().for_each(|m| *m /= rows as f64);
    let mut cov = vec![0.0; dims * dims];
    for row in data.chunks_exact(dims) {
        for i in 0..dims {
            let di = row[i] - mean[i];
            for j in i..dims {
                cov[i * dims + j] += di * (row[j] - mean[j]);
            }
        }
    }
    for i in 0..dims {
        for j in i..dims {
            let v = cov[i * dims + j] / (rows - 1) as f64;
            cov[i * dims + j] = v;
            cov[j * dims + i] = v;
        }
    }
    let total: f64 = (0..dims).map(|i| cov[i * dims + i]).sum();
    if total <= 0.0 {
        return None;
    }
    let mut components = Vec::with_capacity(2 * dims);
    let mut explained = [0.0; 2];
    for e in explained.iter_mut() {
        let (value, mut vector) = leading_eigen(&cov, dims);
        // Largest |loading| positive.
        let big = vector
            .iter()
            .copied()
            .fold(0.0f64, |a, b| if b.abs() > a.abs() { b } else { a });
        if big < 0.0 {
            vector.iter_mut().for_each(|v| *v = -*v);
        }
        *e = (value / total).max(0.0);
        // Deflate.
        for i in 0..dims {
            for j in 0..dims {
                cov[i * dims + j] -= value * vector[i] * vector[j];
            }
        }
        components.extend(vector);
    }
    Some(Pca2 {
        components,
        explained_ratio: explained,
        mean,
    })
}

/// Leading eigenpair of a symmetric positive semi-definite matrix by power iteration.
fn leading_eigen(m: &[f64], dims: usize) -> (f64, Vec<f64>) {
    // A start vector not orthogonal to any axis in practice.
    let mut v: Vec<f64> = (0..dims).map(|i| 1.0 + 0.1 * i as f64).collect();
    normalise(&mut v);
    let mut value = 0.0;
    for _ in 0..1000 {
        let mut w = vec![0.0; dims];
        for i in 0..dims {
            w[i] = (0..dims).map(|j| m[i * dims + j] * v[j]).sum();
        }
        let norm = normalise(&mut w);
        let delta: f64 = w.iter().zip(&v).map(|(a, b)| (a - b).abs()).sum();
        v = w;
        value = norm;
        if norm == 0.0 || delta < 1e-13 {
            break;
        }
    }
    (value, v)
}

fn normalise(v: &mut [f64]) -> f64 {
    let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_main_axis() {
        // Points along y = 2x with a little noise on the other axis.
        let data: Vec<f64> = (0..50)
            .flat_map(|i| {
                let t = i as f64 - 25.0;
                let e = if i % 2 == 0 { 0.1 } else { -0.1 };
                [t + e * 2.0, 2.0 * t - e]
            })
            .collect();
        let p = pca2(50, 2, &data).unwrap();
        let (a, b) = (p.components[0], p.components[1]);
        assert!((a - 1.0 / 5f64.sqrt()).abs() < 1e-3, "{a}");
        assert!((b - 2.0 / 5f64.sqrt()).abs() < 1e-3, "{b}");
        assert!(p.explained_ratio[0] > 0.99);
        assert!((p.explained_ratio[0] + p.explained_ratio[1] - 1.0).abs() < 1e-9);
        assert!(pca2(1, 2, &[1.0, 2.0]).is_none());
        assert!(pca2(2, 1, &[3.0, 3.0]).is_none());
    }
}
