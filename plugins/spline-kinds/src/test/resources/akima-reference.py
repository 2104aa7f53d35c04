# Generates akima-reference.csv: knot slopes of SciPy's Akima1DInterpolator (method='akima' and
# method='makima', SciPy >= 1.13), which use Akima's (1970) end extension of the chord slopes.
# Run: python3 akima-reference.py > akima-reference.csv
import numpy as np
from scipy.interpolate import Akima1DInterpolator

x = np.array([0.0, 0.4, 1.1, 1.5, 2.6, 3.0, 3.2, 4.5, 5.0, 6.3])
y = np.array([1.0, 1.8, 0.7, 0.9, 2.5, 2.4, 2.4, -0.6, 0.3, 1.1])
akima = Akima1DInterpolator(x, y, method="akima").derivative()(x)
makima = Akima1DInterpolator(x, y, method="makima").derivative()(x)
print("# x,y,akima_slope,makima_slope (SciPy", __import__("scipy").__version__ + ")")
for row in zip(x, y, akima, makima):
    print(",".join("%.17g" % v for v in row))
