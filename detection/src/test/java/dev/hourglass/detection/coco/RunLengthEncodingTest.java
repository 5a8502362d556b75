package dev.hourglass.detection.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.detection.BinaryMask;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunLengthEncodingTest {

    @Test
    void runsGoDownTheColumnsAndStartWithZeros() {
        BinaryMask mask = BinaryMask.fromRows(
                "#..",
                "##.",
                "...");

        RunLengthEncoding rle = RunLengthEncoding.encode(mask);

        // column 0 reads 1,1,0; column 1 reads 0,1,0; column 2 reads 0,0,0
        assertThat(rle.counts()).containsExactly(0, 2, 2, 1, 4);
        assertThat(rle.height()).isEqualTo(3);
        assertThat(rle.width()).isEqualTo(3);
        assertThat(rle.decode()).isEqualTo(mask);
    }

    @Test
    void decodesANonSquareMaskInColumnMajorOrder() {
        RunLengthEncoding rle = new RunLengthEncoding(2, 4, new int[] {3, 2, 3});

        assertThat(rle.decode()).isEqualTo(BinaryMask.fromRows(
                "..#.",
                ".#.."));
    }

    @Test
    void compressedStringMatchesCocoCharacterByCharacter() {
        // small runs are one character each, 48 + value
        assertThat(new RunLengthEncoding(1, 10, new int[] {3, 2, 5}).toCompressedString()).isEqualTo("325");
        // from the fourth run on the difference to the run two before is written: 1 - 2 = -1 -> group 31 -> 'O'
        assertThat(new RunLengthEncoding(1, 11, new int[] {3, 2, 5, 1}).toCompressedString()).isEqualTo("325O");
        // 100 = 3 * 32 + 4: group 4 with the continuation bit (4 | 32 = 36 -> 'T'), then 3
        assertThat(new RunLengthEncoding(1, 100, new int[] {100}).toCompressedString()).isEqualTo("T3");
        // 16 has bit 0x10 set, which would read as a sign: it takes a second, zero group ('`' = 48 + 48, then '0')
        assertThat(new RunLengthEncoding(1, 16, new int[] {16}).toCompressedString()).isEqualTo("`0");
    }

    @Test
    void compressedStringDecodesBackToTheSameRuns() {
        assertThat(RunLengthEncoding.fromCompressedString("325O", 1, 11).counts()).containsExactly(3, 2, 5, 1);
        assertThat(RunLengthEncoding.fromCompressedString("T3", 10, 10).counts()).containsExactly(100);
        assertThat(RunLengthEncoding.fromCompressedString("`0", 4, 4).counts()).containsExactly(16);
    }

    @Test
    void randomMasksSurviveEncodeCompressDecompressDecode() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int width = 1 + random.nextInt(70);
            int height = 1 + random.nextInt(70);
            BinaryMask mask = new BinaryMask(width, height);
            double density = random.nextDouble();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    mask.set(x, y, random.nextDouble() < density);
                }
            }
            String text = RunLengthEncoding.encode(mask).toCompressedString();

            assertThat(RunLengthEncoding.fromCompressedString(text, height, width).decode()).isEqualTo(mask);
        }
    }

    @Test
    void runsThatDoNotCoverTheMaskAreRefused() {
        assertThatThrownBy(() -> new RunLengthEncoding(3, 3, new int[] {4, 2}))
                .hasMessageContaining("add up to 6 pixels").hasMessageContaining("has 9");
        assertThatThrownBy(() -> RunLengthEncoding.fromCompressedString("T", 10, 10))
                .hasMessageContaining("ends inside a number");
    }
}
