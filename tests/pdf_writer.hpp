// Writes small PDF files for tests: pages of text lines in Helvetica at given places.
#pragma once
#include <string>
#include <vector>
#include <cstdio>

namespace touchpoint::test {

struct PdfLine {
    double x = 72, y = 720;  // baseline start, in points from the bottom left
    double size = 12;
    std::string text;        // bytes in the font's encoding: WinAnsi, with 0x80 fi, 0x81 fl, 0xAD soft hyphen
};
using PdfPage = std::vector<PdfLine>;

struct PdfOptions {
    bool encrypted = false;   // a /Encrypt dictionary whose user password is not empty
    bool image_only = false;  // pages with a drawn rectangle and no text
};

inline std::string pdf_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

inline std::string make_pdf(const std::vector<PdfPage>& pages, const PdfOptions& options = {}) {
    std::vector<std::string> objects;  // object i + 1
    size_t n = pages.size();
    // 1 catalog, 2 pages, 3 font, then per page: page, contents.
    std::string kids;
    for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                      "/BaseEncoding /WinAnsiEncoding /Differences [128 /fi /fl 173 /sfthyphen] >> >>");
    for (size_t i = 0; i < n; ++i) {
        std::string content;
        if (options.image_only) content = "0.5 g 72 72 400 600 re f\n";
        else
            for (const PdfLine& line : pages[i]) {
                char head[96];
                std::snprintf(head, sizeof head, "BT /F1 %.2f Tf %.2f %.2f Td (", line.size, line.x, line.y);
                content += head + pdf_escape(line.text) + ") Tj ET\n";
            }
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                          "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    }
    if (options.encrypted)
        objects.push_back("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + std::string(64, 'A') + "> /U <" +
                          std::string(64, 'B') + "> >>");
    std::string out = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t offset : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
    if (options.encrypted)
        out += " /Encrypt " + std::to_string(objects.size()) + " 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]";
    out += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

}  // namespace touchpoint::test
