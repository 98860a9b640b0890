"""The rich text every page row of the benchmark renders: about 1,500 words of
a realistic Vietnamese lesson, so the bare Wagtail page and the lesson page
carry the same content and compress like real text does."""

from __future__ import annotations

import re

TITLE = "Dùng điện thoại thông minh an toàn"

SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Vì sao cần học cách dùng điện thoại an toàn",
        [
            "Chiếc điện thoại thông minh ngày nay không chỉ để nghe gọi. Bà con dùng nó để "
            "nhắn tin với con cháu ở xa, xem tin tức của xã, nộp hồ sơ dịch vụ công trực "
            "tuyến, thanh toán tiền điện, tiền nước và nhận tiền bán nông sản qua mã QR. "
            "Càng nhiều việc làm trên điện thoại thì những thông tin quý giá trong máy càng "
            "nhiều: số tài khoản ngân hàng, mật khẩu, ảnh giấy tờ tùy thân, danh bạ người thân.",
            "Kẻ gian biết điều đó. Chúng không cần lấy trộm chiếc máy, chỉ cần lừa người dùng "
            "bấm vào một đường link lạ, đọc cho chúng một mã xác thực hay cài một ứng dụng giả "
            "mạo là đủ để rút sạch tiền trong tài khoản. Bài học này giúp bà con nắm những "
            "thói quen đơn giản, làm được ngay trên chiếc điện thoại đang dùng, để tự bảo vệ "
            "mình và gia đình.",
        ],
    ),
    (
        "Khóa màn hình: lớp bảo vệ đầu tiên",
        [
            "Việc đầu tiên cần làm là đặt khóa màn hình. Khi máy bị rơi hoặc để quên ở chợ, "
            "người nhặt được sẽ không mở được để xem tin nhắn hay vào ứng dụng ngân hàng. Bà "
            "con có thể chọn mã số gồm sáu chữ số, hình vẽ nối các chấm hoặc dùng vân tay, "
            "khuôn mặt nếu máy hỗ trợ.",
            "Không nên chọn mã quá dễ đoán như 123456, 000000 hay ngày sinh của chính mình, "
            "vì đó là những số kẻ gian thử đầu tiên. Hãy chọn một dãy số mình nhớ được nhưng "
            "người ngoài khó đoán, ví dụ ghép số nhà cũ với năm con đầu lòng vào học lớp một. "
            "Không cho người lạ mượn máy khi chưa khóa các ứng dụng quan trọng.",
        ],
    ),
    (
        "Mật khẩu và mã OTP",
        [
            "Mỗi tài khoản quan trọng như Zalo, Facebook, ứng dụng ngân hàng, ví điện tử và "
            "VNeID nên có mật khẩu riêng. Nếu dùng chung một mật khẩu cho tất cả, chỉ cần lộ "
            "một nơi là kẻ gian vào được mọi nơi. Mật khẩu tốt có ít nhất tám ký tự, gồm chữ "
            "hoa, chữ thường, chữ số và ký hiệu đặc biệt.",
            "Mã OTP là dãy số ngân hàng hoặc ứng dụng gửi qua tin nhắn để xác nhận chính bạn "
            "đang thực hiện giao dịch. Tuyệt đối không đọc mã OTP cho bất kỳ ai qua điện "
            "thoại, kể cả người tự xưng là nhân viên ngân hàng, công an hay cán bộ xã. Cơ "
            "quan nhà nước và ngân hàng không bao giờ hỏi mã OTP của người dân.",
            "Nếu lỡ đọc mã cho người lạ, hãy gọi ngay tổng đài của ngân hàng in ở mặt sau "
            "thẻ để khóa tài khoản, sau đó báo cho công an xã hoặc tổ công nghệ số cộng đồng "
            "ở thôn để được hướng dẫn tiếp.",
        ],
    ),
    (
        "Nhận diện tin nhắn và cuộc gọi lừa đảo",
        [
            "Các chiêu lừa đảo thay đổi liên tục nhưng thường có chung vài dấu hiệu. Kẻ gian "
            "tạo cảm giác gấp gáp: con bạn đang cấp cứu cần chuyển tiền ngay, tài khoản sắp "
            "bị khóa, bạn vừa trúng thưởng một chiếc xe máy nhưng phải nộp phí trước. Chúng "
            "đề nghị giữ bí mật, không cho bạn hỏi ý kiến người nhà.",
            "Khi nhận cuộc gọi như vậy, hãy bình tĩnh. Cúp máy, rồi tự gọi lại cho người thân "
            "theo số điện thoại quen thuộc trong danh bạ để kiểm tra. Với tin nhắn có đường "
            "link, không bấm vào; hãy mở ứng dụng chính thức của ngân hàng hoặc cơ quan nhà "
            "nước để xem thông báo. Tên người gửi hiển thị giống ngân hàng vẫn có thể là giả.",
        ],
    ),
    (
        "Cài ứng dụng đúng cách",
        [
            "Chỉ tải ứng dụng từ kho chính thức: CH Play trên máy Android và App Store trên "
            "iPhone. Trước khi cài, xem tên nhà phát triển, số lượt tải và các đánh giá. Ứng "
            "dụng dịch vụ công thật do cơ quan nhà nước phát hành; ứng dụng ngân hàng thật do "
            "chính ngân hàng phát hành.",
            "Kẻ gian hay gửi tệp có đuôi APK qua Zalo hoặc Messenger và nhờ bạn cài để cập "
            "nhật thông tin định danh. Đây là phần mềm gián điệp: khi cài xong, nó đọc được "
            "tin nhắn chứa mã OTP và điều khiển máy từ xa. Không bao giờ cài tệp nhận qua tin "
            "nhắn, dù người gửi là ai.",
            "Khi ứng dụng xin quyền truy cập danh bạ, tin nhắn, vị trí hay micro, hãy tự hỏi "
            "ứng dụng đó có thật sự cần quyền ấy không. Một ứng dụng đèn pin không cần đọc "
            "tin nhắn của bạn.",
        ],
    ),
    (
        "Cập nhật phần mềm",
        [
            "Các bản cập nhật hệ điều hành và ứng dụng vá những lỗ hổng mà kẻ gian có thể lợi "
            "dụng. Hãy bật cập nhật tự động và cài bản mới khi điện thoại báo, tốt nhất là "
            "lúc máy đang sạc và nối mạng Wi-Fi ở nhà để không tốn dung lượng 4G.",
            "Điện thoại quá cũ, không còn được nhà sản xuất cập nhật, thì không nên dùng cho "
            "việc chuyển tiền. Có thể để máy đó nghe gọi và xem tin tức, còn giao dịch ngân "
            "hàng thì làm trên máy mới hơn của người nhà, với sự đồng ý và hướng dẫn của họ.",
        ],
    ),
    (
        "Dùng mạng Wi-Fi công cộng",
        [
            "Wi-Fi miễn phí ở quán cà phê, bến xe hay chợ rất tiện nhưng không an toàn cho "
            "việc đăng nhập ngân hàng. Người khác dùng cùng mạng có thể theo dõi dữ liệu nếu "
            "trang web không được mã hóa. Khi cần chuyển tiền ở ngoài, hãy dùng 4G của chính "
            "mình.",
            "Trên trình duyệt, kiểm tra địa chỉ trang bắt đầu bằng https và có biểu tượng ổ "
            "khóa. Gõ địa chỉ trang chính thức thay vì bấm vào đường link được gửi đến. Với "
            "cổng dịch vụ công quốc gia, địa chỉ đúng là dichvucong.gov.vn.",
        ],
    ),
    (
        "Bảo vệ thông tin cá nhân trên mạng xã hội",
        [
            "Ảnh căn cước công dân, sổ hộ khẩu cũ, vé máy bay có mã đặt chỗ, ảnh chụp màn "
            "hình số dư tài khoản: đừng đăng lên Facebook hay gửi vào nhóm Zalo đông người. "
            "Kẻ gian gom những mảnh thông tin đó để mạo danh bạn vay tiền hoặc lừa người thân "
            "của bạn.",
            "Hãy đặt chế độ chỉ bạn bè xem được bài đăng, không nhận kết bạn với tài khoản "
            "lạ không có bạn chung, và cẩn thận với tài khoản giả mạo người quen mượn tiền. "
            "Khi người quen nhắn vay tiền, hãy gọi điện thoại có hình để chắc chắn đúng là họ.",
        ],
    ),
    (
        "Sao lưu và khi mất điện thoại",
        [
            "Ảnh gia đình, danh bạ và giấy tờ quan trọng nên được sao lưu lên tài khoản Google "
            "hoặc iCloud. Khi máy hỏng hay bị mất, bà con chỉ cần đăng nhập trên máy mới là "
            "lấy lại được. Ghi mật khẩu tài khoản sao lưu vào sổ tay cất ở nhà, không lưu "
            "trong chính chiếc điện thoại.",
            "Nếu mất điện thoại, hãy làm ngay theo thứ tự: gọi tổng đài ngân hàng để khóa dịch "
            "vụ ngân hàng điện tử; báo nhà mạng khóa sim; dùng máy khác đăng nhập tài khoản "
            "Google hoặc iCloud để định vị và xóa dữ liệu từ xa; đổi mật khẩu Zalo, Facebook; "
            "báo cho người thân biết để cảnh giác với tin nhắn mượn danh bạn.",
        ],
    ),
    (
        "Giúp người thân cùng an toàn",
        [
            "Người cao tuổi trong gia đình thường là mục tiêu của kẻ gian vì ít quen công "
            "nghệ và hay tin người. Con cháu hãy dành thời gian cài khóa màn hình, kiểm tra "
            "các ứng dụng lạ và dặn ông bà một câu dễ nhớ: không đọc mã, không bấm link, "
            "không chuyển tiền khi chưa gọi lại cho người nhà.",
            "Theo phong trào Bình dân học vụ số, mỗi hộ gia đình có ít nhất một người nắm "
            "vững kỹ năng số cơ bản để hướng dẫn các thành viên khác. Tổ công nghệ số cộng "
            "đồng ở thôn sẵn sàng đến tận nhà giúp bà con cài đặt và kiểm tra điện thoại; hãy "
            "liên hệ trưởng thôn hoặc nhà văn hóa để được hỗ trợ miễn phí.",
        ],
    ),
    (
        "Tóm tắt những điều cần nhớ",
        [
            "Đặt khóa màn hình khó đoán và dùng mật khẩu riêng cho từng tài khoản quan trọng. "
            "Không đọc mã OTP cho bất kỳ ai. Không bấm vào đường link lạ và không cài tệp APK "
            "nhận qua tin nhắn. Cập nhật phần mềm thường xuyên. Không đăng ảnh giấy tờ tùy "
            "thân lên mạng xã hội. Khi nghi ngờ, dừng lại và hỏi người thân hoặc tổ công nghệ "
            "số cộng đồng trước khi làm theo.",
            "Làm xong bài học, bà con hãy thử kiểm tra chiếc điện thoại của mình theo từng "
            "mục ở trên, đánh dấu những việc đã làm và ghi lại những việc cần người hỗ trợ. "
            "Bài học sau sẽ hướng dẫn cách dùng ứng dụng VNeID và nộp hồ sơ dịch vụ công trực "
            "tuyến từng bước, có hình minh họa cho từng màn hình.",
        ],
    ),
]

CHECKLIST = [
    "Đã đặt khóa màn hình bằng mã số, vân tay hoặc khuôn mặt.",
    "Mỗi tài khoản quan trọng có mật khẩu riêng, ghi trong sổ tay cất ở nhà.",
    "Đã bật cập nhật tự động cho hệ điều hành và các ứng dụng.",
    "Đã xóa những ứng dụng không rõ nguồn gốc hoặc không còn dùng.",
    "Đã bật sao lưu ảnh và danh bạ lên tài khoản Google hoặc iCloud.",
    "Người thân biết số tổng đài ngân hàng để khóa tài khoản khi cần.",
]


def body_html() -> str:
    """The lesson as Wagtail rich-text HTML (h2, p, ul): about 1,600 words."""
    parts: list[str] = []
    for heading, paragraphs in SECTIONS:
        parts.append(f"<h2>{heading}</h2>")
        parts.extend(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in CHECKLIST) + "</ul>")
    return "".join(parts)


def lesson_blocks() -> list[tuple[str, str]]:
    """The same text as StreamField blocks of a lesson: a heading block per
    section and a rich-text block for its paragraphs, as an editor builds it."""
    blocks: list[tuple[str, str]] = []
    for heading, paragraphs in SECTIONS:
        blocks.append(("heading", heading))
        blocks.append(("text", "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)))
    blocks.append(("text", "<ul>" + "".join(f"<li>{item}</li>" for item in CHECKLIST) + "</ul>"))
    return blocks


def word_count(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())
