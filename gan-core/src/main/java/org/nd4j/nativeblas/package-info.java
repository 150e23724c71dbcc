/** Bridge for a Deeplearning4j 1.0.0-M2.1 bug; see {@link org.nd4j.nativeblas.Nd4jCpu}. Not gan4j API. */
package org.nd4j.nativeblas;
